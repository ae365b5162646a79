import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { countClauses, importRows } from './import-rows.ts';

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
