import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { rowsOf } from '../../lib/rows.ts';

/**
 * Every trust, for the scheduled jobs: a job works one trust at a time (its own context, row-level
 * security for that trust), so one trust's failure is logged and the others still get their run.
 * Before a trust is chosen the job's database is inside no trust, so the ids come from
 * `attest_trust_ids()` (migration 0012), which answers them and nothing else.
 */
export async function listTrustIds(deps: Pick<Deps, 'db'>): Promise<string[]> {
  const result = await deps.db.execute(sql`select attest_trust_ids() as id`);
  return rowsOf('trusts', z.object({ id: z.string() }), result).map((r) => r.id);
}
