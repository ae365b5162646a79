import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { importRows } from './import-rows.ts';

export async function getImport(ctx: ServiceContext, id: string) {
  const [row] = await importRows(ctx, sql`i.id = ${id}::uuid`);
  if (!row) throw notFound('That import');
  return row;
}
