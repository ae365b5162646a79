import { renderTemplate } from '@attest/core';
import type { ServiceContext } from '../../lib/context.ts';
import { listSchools } from '../schools/list-schools.ts';
import { getClause } from './get-clause.ts';
import { assertKnownVariables } from './known-variables.ts';

/** How a clause reads at each school the actor can see. */
export async function previewClause(
  ctx: ServiceContext,
  { clauseId, text }: { clauseId: string; text?: string },
) {
  const clause = await getClause(ctx, clauseId);
  if (text !== undefined) assertKnownVariables(text);
  const schools = await listSchools(ctx);
  return schools
    .filter((s) => clause.schoolId === null || s.id === clause.schoolId)
    .map((s) => {
      const variant = clause.variants.find((v) => v.schoolId === s.id);
      const template = text ?? variant?.text ?? clause.current?.text ?? '';
      return {
        schoolId: s.id,
        schoolName: s.name,
        isVariant: text === undefined && !!variant,
        text: renderTemplate(template, s),
      };
    });
}
