import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { rowsOf } from '../../lib/rows.ts';
import { assertKnownVariables } from '../clauses/known-variables.ts';

type Audience = 'staff' | 'governor' | 'volunteer' | 'visitor';

export interface PolicyInput {
  title: string;
  schoolId?: string | null;
  audiences: Audience[];
  intro: string[];
  sections: { heading: string | null; clauseIds: string[] }[];
  statements: string[];
  fields: string[];
  reviewCycleMonths: number;
  ownerUserId?: string | null;
}

export async function assertClausesExist(
  ctx: ServiceContext,
  input: Pick<PolicyInput, 'sections' | 'schoolId'>,
) {
  const ids = [...new Set(input.sections.flatMap((s) => s.clauseIds))];
  if (ids.length === 0) return;
  const found = rowsOf(
    'clauses a policy names',
    z.object({ id: z.string(), school_id: z.string().nullable() }),
    await ctx.db.execute(
      sql`select id, school_id from clauses where trust_id = ${ctx.actor.trustId}::uuid and id = any(${sql.param(ids)}::uuid[]) and archived_at is null`,
    ),
  );
  const known = new Map(found.map((r) => [r.id, r.school_id]));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `sections: ${missing.length} clause${missing.length === 1 ? ' is' : 's are'} not in this trust's library.`,
      missing.map((id) => ({ path: 'sections', message: `unknown clause ${id}` })),
    );
  }
}

export function checkTexts(input: Partial<PolicyInput>) {
  for (const [i, p] of (input.intro ?? []).entries()) assertKnownVariables(p, [], `intro.${i}`);
  for (const [i, s] of (input.statements ?? []).entries()) assertKnownVariables(s, [], `statements.${i}`);
  if (input.title) assertKnownVariables(input.title, [], 'title');
}
