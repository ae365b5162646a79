import { schools } from '@attest/db';
import type { ServiceContext } from '../../lib/context.ts';
import { isUniqueViolation } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { getSchool } from './get-school.ts';
import { type SchoolInput, urnTaken } from './school-input.ts';

export async function createSchool(ctx: ServiceContext, input: SchoolInput) {
  const id = crypto.randomUUID();
  const values = {
    id,
    trustId: ctx.actor.trustId,
    name: input.name,
    urn: input.urn ?? null,
    phase: input.phase ?? null,
    variables: input.variables ?? {},
  };
  try {
    await ctx.db.batch([
      ctx.db.insert(schools).values(values),
      auditInsert(ctx, {
        action: 'school.created',
        entityType: 'school',
        entityId: id,
        summary: `Added ${input.name}`,
        after: values,
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw urnTaken(input.urn);
    throw error;
  }
  return getSchool(ctx, id);
}
