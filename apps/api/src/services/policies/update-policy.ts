import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { auditInsert } from '../audit/record.ts';
import { getPolicy } from './get-policy.ts';
import { assertClausesExist, checkTexts, type PolicyInput } from './policy-input.ts';

export async function updatePolicy(
  ctx: ServiceContext,
  { id, ...patch }: Partial<PolicyInput> & { id: string },
) {
  const before = await getPolicy(ctx, id);
  checkTexts(patch);
  if (patch.sections) await assertClausesExist(ctx, { sections: patch.sections, schoolId: before.schoolId });
  const { schoolId: _ignored, ...set } = patch;
  await ctx.db.batch([
    ctx.db.execute(
      sql`update policies set ${sql.join(
        [
          ...Object.entries({
            title: set.title,
            intro: set.intro && JSON.stringify(set.intro),
            sections: set.sections && JSON.stringify(set.sections),
            statements: set.statements && JSON.stringify(set.statements),
            fields: set.fields && JSON.stringify(set.fields),
          })
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => (k === 'title' ? sql`title = ${v}` : sql`${sql.identifier(k)} = ${v}::jsonb`)),
          ...(set.audiences ? [sql`audiences = ${sql.param(set.audiences)}::membership_role[]`] : []),
          ...(set.reviewCycleMonths ? [sql`review_cycle_months = ${set.reviewCycleMonths}`] : []),
          ...(set.ownerUserId !== undefined ? [sql`owner_user_id = ${set.ownerUserId}::uuid`] : []),
          sql`updated_at = now()`,
        ],
        sql`, `,
      )} where id = ${id}::uuid and trust_id = ${ctx.actor.trustId}::uuid`,
    ),
    auditInsert(ctx, {
      action: 'policy.updated',
      entityType: 'policy',
      entityId: id,
      summary: `Changed the policy “${patch.title ?? before.title}”`,
      before,
      after: patch,
    }),
  ]);
  return getPolicy(ctx, id);
}
