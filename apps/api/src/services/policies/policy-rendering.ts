import { renderPolicy } from '@attest/core';
import type { ServiceContext } from '../../lib/context.ts';
import { loadWordings } from '../clauses/wordings.ts';
import { listSchools } from '../schools/list-schools.ts';
import type { Policy } from './policy-rows.ts';

export async function renderFor(ctx: ServiceContext, policy: Policy, schoolIds: string[]) {
  const schools = (await listSchools(ctx)).filter((s) => schoolIds.includes(s.id));
  const clauseIds = [...new Set(policy.sections.flatMap((s) => s.clauseIds))];
  const wordings = await loadWordings(ctx, clauseIds);
  return schools.map((school) => ({
    school,
    rendered: renderPolicy(policy, wordings.forSchool(school.id), {
      id: school.id,
      name: school.name,
      variables: school.variables,
    }),
  }));
}
