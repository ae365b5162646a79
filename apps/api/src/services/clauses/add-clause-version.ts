import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, isUniqueViolation, notFound } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { listSchools } from '../schools/list-schools.ts';
import { canSeeSchool } from '../schools/visibility.ts';
import type { ClauseCategory, ClauseChild } from './clause-rows.ts';
import { getClause } from './get-clause.ts';
import { assertKnownVariables } from './known-variables.ts';

/**
 * A new wording: the trust's (schoolId null) or one school's variant (text null reverts the school
 * to the trust's wording). The version number is computed in the insert itself; two editors
 * saving at once collide on the unique (clause, school, version) key and the second is told so.
 */
export async function addClauseVersion(
  ctx: ServiceContext,
  {
    clauseId,
    ...input
  }: {
    clauseId: string;
    text: string | null;
    children?: ClauseChild[];
    schoolId?: string | null;
    title?: string;
    category?: ClauseCategory;
  },
) {
  const before = await getClause(ctx, clauseId);
  if (input.text !== null) assertKnownVariables(input.text, input.children);
  const schoolId = input.schoolId ?? null;
  if (schoolId && !canSeeSchool(ctx.actor, schoolId)) throw notFound('That school');
  if (schoolId && !(await listSchools(ctx)).some((s) => s.id === schoolId)) throw notFound('That school');
  if (schoolId === null && input.text === null)
    throw new DomainError('VALIDATION_FAILED', 'text: the trust wording cannot be empty.');
  try {
    await ctx.db.batch([
      ctx.db.execute(sql`
        insert into clause_versions (trust_id, clause_id, school_id, version, text, children, created_by_user_id)
        select ${ctx.actor.trustId}::uuid, ${clauseId}::uuid, ${schoolId}::uuid,
               coalesce(max(version), 0) + 1, ${input.text}, ${JSON.stringify(input.children ?? [])}::jsonb, ${ctx.actor.userId}::uuid
          from clause_versions where clause_id = ${clauseId}::uuid and school_id is not distinct from ${schoolId}::uuid`),
      ctx.db.execute(sql`
        update clauses set updated_at = now(), title = coalesce(${input.title ?? null}, title),
               category = coalesce(${input.category ?? null}::clause_category, category)
         where id = ${clauseId}::uuid and trust_id = ${ctx.actor.trustId}::uuid`),
      auditInsert(ctx, {
        action: schoolId ? 'clause.variant_saved' : 'clause.reworded',
        entityType: 'clause',
        entityId: clauseId,
        summary: schoolId
          ? input.text === null
            ? `Put a school back on the trust wording of “${before.title}”`
            : `Saved a school's own wording of “${before.title}”`
          : `Reworded “${before.title}”`,
        before: {
          text: schoolId
            ? (before.variants.find((v) => v.schoolId === schoolId)?.text ?? null)
            : before.current?.text,
        },
        after: { text: input.text, schoolId },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError(
        'CONFLICT',
        'Someone else saved this clause at the same moment. Reload it and try again.',
      );
    throw error;
  }
  return getClause(ctx, clauseId);
}
