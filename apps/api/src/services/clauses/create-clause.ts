import { clauses, clauseVersions } from '@attest/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { firstRowOf } from '../../lib/rows.ts';
import { auditInsert } from '../audit/record.ts';
import { canSeeSchool } from '../schools/visibility.ts';
import type { ClauseCategory, ClauseChild } from './clause-rows.ts';
import { getClause } from './get-clause.ts';
import { assertKnownVariables } from './known-variables.ts';

export interface ClauseInput {
  category: ClauseCategory;
  title: string;
  text: string;
  children?: ClauseChild[];
  schoolId?: string | null;
}

export async function createClause(ctx: ServiceContext, input: ClauseInput) {
  assertKnownVariables(input.text, input.children);
  if (input.schoolId && !canSeeSchool(ctx.actor, input.schoolId)) throw notFound('That school');
  if (input.schoolId) {
    const school = firstRowOf(
      'clause school',
      z.object({ id: z.string() }),
      await ctx.db.execute(sql`select id from schools where id = ${input.schoolId}::uuid`),
    );
    if (!school) throw notFound('That school');
  }
  const id = crypto.randomUUID();
  const trustId = ctx.actor.trustId;
  await ctx.db.batch([
    ctx.db.insert(clauses).values({
      id,
      trustId,
      category: input.category,
      title: input.title,
      schoolId: input.schoolId ?? null,
    }),
    ctx.db.insert(clauseVersions).values({
      trustId,
      clauseId: id,
      version: 1,
      text: input.text,
      children: input.children ?? [],
      createdByUserId: ctx.actor.userId,
    }),
    auditInsert(ctx, {
      action: 'clause.created',
      entityType: 'clause',
      entityId: id,
      summary: `Added the clause “${input.title}”`,
      after: input,
    }),
  ]);
  return getClause(ctx, id);
}
