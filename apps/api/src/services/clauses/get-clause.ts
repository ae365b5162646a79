import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { clauseRows, presentClause } from './clause-rows.ts';

export async function getClause(ctx: ServiceContext, id: string) {
  const [row] = await clauseRows(ctx, sql`c.id = ${id}::uuid`);
  if (!row) throw notFound('That clause');
  return presentClause(row, true, ctx.actor);
}
