import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { listSchools } from '../schools/list-schools.ts';
import { policyRows, presentPolicy, visibleToActor } from './policy-rows.ts';

export async function getPolicy(ctx: ServiceContext, id: string) {
  const [rows, schools] = await Promise.all([
    policyRows(ctx, sql`p.id = ${id}::uuid and ${visibleToActor(ctx)}`),
    listSchools(ctx),
  ]);
  if (!rows[0]) throw notFound('That policy');
  return presentPolicy(rows[0], schools, ctx.now());
}
