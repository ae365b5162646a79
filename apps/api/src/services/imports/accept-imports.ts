import { type ClauseCategoryKey, plural, renderTemplate } from '@attest/core';
import { type ParsedClause, type ParsedPolicy, sameWording } from '@attest/core/policy/index';
import { clauses, clauseVersions, policies } from '@attest/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, pgErrorCode } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { assertKnownVariables } from '../clauses/known-variables.ts';
import { listSchools } from '../schools/list-schools.ts';
import type { School } from '../schools/present.ts';
import { type MemberView, reviewImports } from './review-imports.ts';

export interface AcceptInput {
  importIds: string[];
  groups?: {
    key: string;
    decision: 'accept' | 'reject';
    text?: string;
    title?: string;
    category?: ClauseCategoryKey;
  }[];
  unique?: { key: string; title?: string; category?: ClauseCategoryKey }[];
}

const fieldKeys = new Set(['signature', 'date', 'fullName', 'jobTitle']);

/** "3 years", "annually", "bi-annually" (read, as UK schools mostly mean it, as every two years). */
export function reviewCycleMonths(metadata: Record<string, string>): number {
  const cycle = (metadata.reviewCycle ?? '').toLowerCase();
  const years = /(\d+)\s*years?/.exec(cycle);
  if (years) return Math.min(60, Number(years[1]) * 12);
  const months = /(\d+)\s*months?/.exec(cycle);
  if (months) return Math.min(60, Number(months[1]));
  if (/bi-?annual|biennial|two years/.test(cycle)) return 24;
  return 12;
}

function audiencesOf(title: string | null): ('staff' | 'governor' | 'volunteer' | 'visitor')[] {
  const t = title ?? '';
  return [
    'staff' as const,
    ...(/governor/i.test(t) ? (['governor'] as const) : []),
    ...(/volunteer/i.test(t) ? (['volunteer'] as const) : []),
    ...(/visitor/i.test(t) ? (['visitor'] as const) : []),
  ];
}

/**
 * Builds the trust's library and each school's policy from reviewed imports. An accepted group
 * becomes one trust clause; a school whose own words differ from that wording (once its variables
 * are filled in) keeps them as its variant. Rejected groups and clauses only one school has become
 * that school's own clauses. So each school's new policy renders to the clauses it imported, in
 * the same order and the same words: a school's wording that differs from the trust's only in
 * spelling ("on-line", "e-mail"), quotes or spacing is the trust's wording, not a variant. Everything is written in one batch, guarded so an import can only
 * ever be built once.
 */
export async function acceptImports(ctx: ServiceContext, input: AcceptInput) {
  const review = await reviewImports(ctx, input.importIds);
  const orphan = review.imports.find((i) => !i.schoolId);
  if (orphan) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${orphan.filename} is not linked to a school. Choose its school and import it again.`,
      [{ path: 'importIds', message: `${orphan.filename} has no school` }],
    );
  }
  const decisions = new Map((input.groups ?? []).map((g) => [g.key, g]));
  const uniqueEdits = new Map((input.unique ?? []).map((u) => [u.key, u]));
  const unknownKeys = [...decisions.keys()].filter((k) => !review.groups.some((g) => g.key === k));
  if (unknownKeys.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `groups: ${unknownKeys.join(', ')} ${unknownKeys.length === 1 ? 'is' : 'are'} not in this review. Compare the imports again.`,
    );
  }
  const schools = new Map((await listSchools(ctx)).map((s) => [s.id, s]));
  const trustId = ctx.actor.trustId;
  const userId = ctx.actor.userId;
  const clauseRows: (typeof clauses.$inferInsert)[] = [];
  const versionRows: (typeof clauseVersions.$inferInsert)[] = [];
  const clauseFor = new Map<string, string>(); // `${importId}:${section}:${index}` -> clause id
  const ref = (m: MemberView) => `${m.importId}:${m.section}:${m.index}`;
  let variantsCreated = 0;

  const schoolOnly = (m: MemberView, title: string, category: ClauseCategoryKey) => {
    const id = crypto.randomUUID();
    clauseRows.push({ id, trustId, category, title, schoolId: m.schoolId });
    versionRows.push({
      trustId,
      clauseId: id,
      version: 1,
      text: m.text,
      children: m.children as ParsedClause[],
      createdByUserId: userId,
    });
    clauseFor.set(ref(m), id);
  };

  for (const group of review.groups) {
    const decision = decisions.get(group.key);
    const title = decision?.title ?? group.title;
    const category = decision?.category ?? group.category;
    if (decision?.decision === 'reject') {
      for (const m of group.members) schoolOnly(m, title, category);
      continue;
    }
    const text = decision?.text ?? group.proposal;
    assertKnownVariables(text, [], `groups.${group.key}.text`);
    const id = crypto.randomUUID();
    clauseRows.push({ id, trustId, category, title, schoolId: null });
    versionRows.push({ trustId, clauseId: id, version: 1, text, children: [], createdByUserId: userId });
    const variantText = new Map<string, string>();
    for (const m of group.members) {
      const school = schools.get(m.schoolId!) as School;
      const rendered = renderTemplate(text, { name: school.name, variables: school.variables });
      if (sameWording(rendered, m.text) && m.children.length === 0) {
        clauseFor.set(ref(m), id);
        continue;
      }
      const earlier = variantText.get(m.schoolId!);
      if (earlier !== undefined && !sameWording(earlier, m.text)) {
        // Two imports of one school word this duty differently: the second keeps its own clause.
        schoolOnly(m, title, category);
        continue;
      }
      if (earlier === undefined) {
        variantText.set(m.schoolId!, m.text);
        versionRows.push({
          trustId,
          clauseId: id,
          schoolId: m.schoolId,
          version: 1,
          text: m.text,
          children: m.children as ParsedClause[],
          createdByUserId: userId,
        });
        variantsCreated++;
      }
      clauseFor.set(ref(m), id);
    }
  }
  for (const u of review.unique) {
    const edit = uniqueEdits.get(u.key);
    schoolOnly(u, edit?.title ?? u.title, edit?.category ?? u.category);
  }

  const policyRows: (typeof policies.$inferInsert)[] = review.imports.map((imp) => {
    const p: ParsedPolicy = imp.parsed;
    const school = schools.get(imp.schoolId!)!;
    const fields = p.signature.fields.filter((f) => fieldKeys.has(f));
    return {
      id: crypto.randomUUID(),
      trustId,
      schoolId: school.id,
      title: (p.title ?? `${school.name} Acceptable Use Agreement`).replace(/\{\{/g, '{ {'),
      audiences: audiencesOf(p.title),
      intro: p.intro,
      sections: p.sections.map((s, si) => ({
        heading: s.heading,
        clauseIds: s.clauses.map((_, ci) => clauseFor.get(`${imp.id}:${si}:${ci}`)!),
      })),
      statements: p.signature.statements,
      fields: fields.length ? fields : ['signature', 'date', 'fullName', 'jobTitle'],
      reviewCycleMonths: reviewCycleMonths(p.metadata),
      ownerUserId: userId,
    };
  });

  const ids = sql.param(input.importIds);
  try {
    await ctx.db.batch([
      ctx.db.execute(sql`
        select attest_assert(
          (select count(*) from policy_imports where id = any(${ids}::uuid[]) and accepted_at is null) = ${input.importIds.length},
          'already accepted')`),
      ctx.db.execute(sql`update policy_imports set accepted_at = now() where id = any(${ids}::uuid[])`),
      ctx.db.insert(clauses).values(clauseRows),
      ctx.db.insert(clauseVersions).values(versionRows),
      ctx.db.insert(policies).values(policyRows),
      auditInsert(ctx, {
        action: 'library.built_from_imports',
        entityType: 'policy_import',
        entityId: null,
        summary: `Built the library from ${plural(review.imports.length, 'imported policy', 'imported policies')}: ${plural(clauseRows.length, 'clause')}, ${plural(variantsCreated, 'school wording')}, ${plural(policyRows.length, 'policy', 'policies')}`,
        after: { importIds: input.importIds, policies: policyRows.map((p) => p.id) },
      }),
    ]);
  } catch (error) {
    if (pgErrorCode(error) === 'P0001') {
      throw new DomainError(
        'CONFLICT',
        'These imports have already been built into the library. Import the files again to start over.',
      );
    }
    throw error;
  }
  return {
    clausesCreated: clauseRows.length,
    trustClauses: clauseRows.filter((c) => c.schoolId === null).length,
    variantsCreated,
    policies: policyRows.map((p) => ({
      id: p.id!,
      schoolId: p.schoolId!,
      schoolName: schools.get(p.schoolId!)!.name,
      title: p.title,
    })),
  };
}
