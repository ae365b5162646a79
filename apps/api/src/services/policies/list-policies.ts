import type { ServiceContext } from '../../lib/context.ts';
import { listSchools } from '../schools/list-schools.ts';
import { policyRows, presentPolicy, visibleToActor } from './policy-rows.ts';

export async function listPolicies(ctx: ServiceContext) {
  const [rows, schools] = await Promise.all([policyRows(ctx, visibleToActor(ctx)), listSchools(ctx)]);
  return rows.map((r) => presentPolicy(r, schools, ctx.now()));
}
