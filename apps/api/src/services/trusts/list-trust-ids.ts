import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { rowsOf } from '../../lib/rows.ts';

/**
 * Every trust, for the scheduled jobs: a job works one trust at a time (its own context, row-level
 * security for that trust), so one trust's failure is logged and the others still get their run.
 * On the owner connection: before a trust is chosen there is no tenant to confine it to.
 */
export async function listTrustIds(deps: Pick<Deps, 'db'>): Promise<string[]> {
  const result = await deps.db.execute(sql`select id from trusts order by created_at, id`);
  return rowsOf('trusts', z.object({ id: z.string() }), result).map((r) => r.id);
}
