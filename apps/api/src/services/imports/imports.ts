import { type ParsedPolicy, parsePolicy } from '@attest/core/policy/index';
import { plural } from '@attest/core/words';
import { policyImports } from '@attest/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { jsonColumn, rowsOf, timestampColumn } from '../../lib/rows.ts';
import { auditInsert } from '../audit/record.ts';
import { getSchool } from '../schools/read.ts';

export interface ImportRecord {
  id: string;
  schoolId: string | null;
  schoolName: string | null;
  filename: string;
  parsed: ParsedPolicy;
  createdAt: string;
}

const countClauses = (p: ParsedPolicy) => p.sections.reduce((n, s) => n + s.clauses.length, 0);

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

const ImportRow = z.object({
  id: z.string(),
  school_id: z.string().nullable(),
  school_name: z.string().nullable(),
  filename: z.string(),
  // Written by parsePolicy above, so its shape is the parser's own.
  parsed: jsonColumn(z.custom<ParsedPolicy>((v) => typeof v === 'object' && v !== null)),
  created_at: timestampColumn,
});

function visibleImports(ctx: ServiceContext) {
  if (ctx.actor.isTrustAdmin) return sql`true`;
  if (ctx.actor.schoolIds.length === 0) return sql`false`;
  return sql`i.school_id = any(${sql.param(ctx.actor.schoolIds)}::uuid[])`;
}

async function importRows(ctx: ServiceContext, where: ReturnType<typeof sql>): Promise<ImportRecord[]> {
  const result = await ctx.db.execute(sql`
    select i.id, i.school_id, s.name as school_name, i.filename, i.parsed, i.created_at
      from policy_imports i left join schools s on s.id = i.school_id
     where i.trust_id = ${ctx.actor.trustId}::uuid and ${visibleImports(ctx)} and ${where}
     order by i.created_at desc, i.id`);
  return rowsOf('policy imports', ImportRow, result).map((r) => ({
    id: r.id,
    schoolId: r.school_id,
    schoolName: r.school_name,
    filename: r.filename,
    parsed: r.parsed,
    createdAt: r.created_at,
  }));
}

export async function getImport(ctx: ServiceContext, id: string) {
  const [row] = await importRows(ctx, sql`i.id = ${id}::uuid`);
  if (!row) throw notFound('That import');
  return row;
}

export async function getImports(ctx: ServiceContext, ids: string[]) {
  const rows = await importRows(ctx, sql`i.id = any(${sql.param(ids)}::uuid[])`);
  if (rows.length !== new Set(ids).size) throw notFound('One of those imports');
  // In the order asked for, so results are stable.
  return ids.map((id) => rows.find((r) => r.id === id)!);
}

export async function listImports(ctx: ServiceContext) {
  const rows = await importRows(ctx, sql`true`);
  return rows.map((r) => ({
    id: r.id,
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    filename: r.filename,
    title: r.parsed.title,
    clauseCount: countClauses(r.parsed),
    createdAt: r.createdAt,
  }));
}
