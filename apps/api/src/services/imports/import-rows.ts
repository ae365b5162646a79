import type { ParsedPolicy } from '@attest/core/policy/index';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { jsonColumn, rowsOf, timestampColumn } from '../../lib/rows.ts';

export interface ImportRecord {
  id: string;
  schoolId: string | null;
  schoolName: string | null;
  filename: string;
  parsed: ParsedPolicy;
  createdAt: string;
}

export const countClauses = (p: ParsedPolicy) => p.sections.reduce((n, s) => n + s.clauses.length, 0);

const ImportRow = z.object({
  id: z.string(),
  school_id: z.string().nullable(),
  school_name: z.string().nullable(),
  filename: z.string(),
  // Written by parsePolicy in createImport, so its shape is the parser's own.
  parsed: jsonColumn(z.custom<ParsedPolicy>((v) => typeof v === 'object' && v !== null)),
  created_at: timestampColumn,
});

function visibleImports(ctx: ServiceContext) {
  if (ctx.actor.isTrustAdmin) return sql`true`;
  if (ctx.actor.schoolIds.length === 0) return sql`false`;
  return sql`i.school_id = any(${sql.param(ctx.actor.schoolIds)}::uuid[])`;
}

export async function importRows(
  ctx: ServiceContext,
  where: ReturnType<typeof sql>,
): Promise<ImportRecord[]> {
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
