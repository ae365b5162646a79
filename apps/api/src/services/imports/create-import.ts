import { parsePolicy } from '@attest/core/policy/index';
import { plural } from '@attest/core/words';
import { policyImports } from '@attest/db';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { getSchool } from '../schools/get-school.ts';
import { getImport } from './get-import.ts';
import { countClauses } from './import-rows.ts';

/** Reads an existing policy and keeps it (source text and parse) for the consolidation review. */
export async function createImport(
  ctx: ServiceContext,
  input: { filename: string; mediaType: string; text: string; schoolId?: string | null },
) {
  const school = input.schoolId ? await getSchool(ctx, input.schoolId) : null;
  const parsed = parsePolicy(input.text);
  if (countClauses(parsed) === 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `We found no clauses in ${input.filename}: no bulleted or numbered rules. Is it the right file?`,
      [{ path: 'file', message: 'has no clauses' }],
    );
  }
  const id = crypto.randomUUID();
  await ctx.db.batch([
    ctx.db.insert(policyImports).values({
      id,
      trustId: ctx.actor.trustId,
      schoolId: school?.id ?? null,
      filename: input.filename,
      mediaType: input.mediaType,
      sourceText: input.text,
      parsed,
      createdByUserId: ctx.actor.userId,
    }),
    auditInsert(ctx, {
      action: 'policy.imported',
      entityType: 'policy_import',
      entityId: id,
      summary: `Imported ${input.filename}${school ? ` for ${school.name}` : ''}: ${plural(countClauses(parsed), 'clause')}`,
    }),
  ]);
  return getImport(ctx, id);
}
