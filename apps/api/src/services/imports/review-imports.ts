import { type ClauseCategoryKey, suggestCategory, suggestTitle } from '@attest/core';
import { consolidate, type ParsedClause } from '@attest/core/policy/index';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { getImports } from './get-imports.ts';
import type { ImportRecord } from './import-rows.ts';

export interface MemberView {
  importId: string;
  schoolId: string | null;
  schoolName: string | null;
  section: number;
  index: number;
  text: string;
  children: ParsedClause[];
}

export interface Review {
  imports: ImportRecord[];
  groups: {
    key: string;
    proposal: string;
    category: ClauseCategoryKey;
    title: string;
    members: MemberView[];
  }[];
  unique: (MemberView & { key: string; category: ClauseCategoryKey; title: string })[];
}

/**
 * Which clauses of these imports state the same duty. Deterministic for the same imports, so the
 * accept step recomputes it rather than trusting a client to send the groups back unchanged.
 */
export async function reviewImports(ctx: ServiceContext, importIds: string[]): Promise<Review> {
  const imports = await getImports(ctx, importIds);
  const result = consolidate(imports.map((i) => ({ file: i.id, parsed: i.parsed })));
  const byId = new Map(imports.map((i) => [i.id, i]));
  const view = (ref: { file: string; section: number; index: number }): MemberView => {
    const imp = byId.get(ref.file)!;
    const clause = imp.parsed.sections[ref.section]?.clauses[ref.index];
    if (!clause) throw new DomainError('INTERNAL', 'consolidation pointed outside its import');
    return {
      importId: imp.id,
      schoolId: imp.schoolId,
      schoolName: imp.schoolName,
      section: ref.section,
      index: ref.index,
      text: clause.text,
      children: clause.children,
    };
  };
  return {
    imports,
    groups: result.groups.map((g, i) => ({
      key: `g${i + 1}`,
      proposal: g.proposal,
      category: suggestCategory(g.proposal),
      title: suggestTitle(g.proposal),
      members: g.members.map(view),
    })),
    unique: result.unique.map((ref) => {
      const m = view(ref);
      return {
        ...m,
        key: `u:${ref.file}:${ref.section}:${ref.index}`,
        category: suggestCategory(m.text),
        title: suggestTitle(m.text),
      };
    }),
  };
}
