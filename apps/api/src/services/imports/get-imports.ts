import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { importRows } from './import-rows.ts';

export async function getImports(ctx: ServiceContext, ids: string[]) {
  const rows = await importRows(ctx, sql`i.id = any(${sql.param(ids)}::uuid[])`);
  if (rows.length !== new Set(ids).size) throw notFound('One of those imports');
  // In the order asked for, so results are stable.
  return ids.map((id) => rows.find((r) => r.id === id)!);
}
