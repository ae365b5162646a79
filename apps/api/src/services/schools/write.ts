import { schools } from '@attest/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, isUniqueViolation } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { getSchool } from './read.ts';

export interface SchoolInput {
  name: string;
  urn?: string | null;
  phase?: (typeof schools.phase.enumValues)[number] | null;
  variables?: Record<string, string>;
}

const urnTaken = (urn: string | null | undefined) =>
  new DomainError('CONFLICT', `Another school in this trust already has URN ${urn}.`, [
    { path: 'urn', message: 'is already used' },
  ]);

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

export async function updateSchool(ctx: ServiceContext, id: string, patch: Partial<SchoolInput>) {
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
