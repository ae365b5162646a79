import { policies } from '@attest/db';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { listSchools } from '../schools/list-schools.ts';
import { getPolicy } from './get-policy.ts';
import { assertClausesExist, checkTexts, type PolicyInput } from './policy-input.ts';

export async function createPolicy(ctx: ServiceContext, input: PolicyInput) {
  checkTexts(input);
  if (input.schoolId && !(await listSchools(ctx)).some((s) => s.id === input.schoolId))
    throw notFound('That school');
  await assertClausesExist(ctx, input);
  const id = crypto.randomUUID();
  await ctx.db.batch([
    ctx.db.insert(policies).values({
      id,
      trustId: ctx.actor.trustId,
      ...input,
      schoolId: input.schoolId ?? null,
      ownerUserId: input.ownerUserId ?? ctx.actor.userId,
    }),
    auditInsert(ctx, {
      action: 'policy.created',
      entityType: 'policy',
      entityId: id,
      summary: `Composed the policy “${input.title}”`,
      after: input,
    }),
  ]);
  return getPolicy(ctx, id);
}
