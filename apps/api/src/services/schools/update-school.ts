import { schools } from '@attest/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { isUniqueViolation } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { getSchool } from './get-school.ts';
import { type SchoolInput, urnTaken } from './school-input.ts';

export async function updateSchool(
  ctx: ServiceContext,
  { id, ...patch }: Partial<SchoolInput> & { id: string },
) {
  const before = await getSchool(ctx, id);
  const variables = patch.variables ? { ...before.variables, ...patch.variables } : undefined;
  const set = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.urn !== undefined && { urn: patch.urn }),
    ...(patch.phase !== undefined && { phase: patch.phase }),
    ...(variables && { variables }),
    updatedAt: ctx.now().toISOString(),
  };
  try {
    await ctx.db.batch([
      ctx.db
        .update(schools)
        .set(set)
        .where(and(eq(schools.trustId, ctx.actor.trustId), eq(schools.id, id))),
      auditInsert(ctx, {
        action: 'school.updated',
        entityType: 'school',
        entityId: id,
        summary: `Changed ${patch.name ?? before.name}`,
        before: { name: before.name, urn: before.urn, phase: before.phase, variables: before.variables },
        after: {
          name: patch.name ?? before.name,
          urn: patch.urn ?? before.urn,
          phase: patch.phase ?? before.phase,
          variables: variables ?? before.variables,
        },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw urnTaken(patch.urn);
    throw error;
  }
  return getSchool(ctx, id);
}
