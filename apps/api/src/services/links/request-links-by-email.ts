import { createTenantDb } from '@attest/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LinkContext } from '../../lib/context.ts';
import { rowsOf } from '../../lib/rows.ts';
import { claim, mailTasks } from './fresh-links.ts';
import { allTasks, TaskRow } from './purposes.ts';

/** The most tasks one message lists. */
const MAX_TASKS = 20;

/** Earliest due first (none last), then by title: the order the message lists them in. */
const byDueThenTitle = (a: TaskRow, b: TaskRow) =>
  a.due_at === b.due_at
    ? a.title.localeCompare(b.title)
    : a.due_at === null
      ? 1
      : b.due_at === null
        ? -1
        : a.due_at.localeCompare(b.due_at);

/**
 * "Email me my link", by address: one message listing every open task that address has, of every
 * purpose, in any trust, each with its link (replaced if expired). The caller learns nothing: the
 * answer is the same for an unknown address, and the route runs this after answering.
 *
 * The trusts that hold the address come from `attest_trusts_of_address` (migration 0012); each
 * trust's tasks are then read from inside that trust only.
 */
export async function requestLinksByEmail(ctx: LinkContext, email: string) {
  const trustIds = rowsOf(
    'trusts of an address',
    z.object({ id: z.string() }),
    await ctx.db.execute(sql`select attest_trusts_of_address(${email}) as id`),
  ).map((r) => r.id);
  const perTrust = await Promise.all(
    trustIds.map(async (trustId) =>
      rowsOf(
        'open tasks by address',
        TaskRow,
        await createTenantDb(ctx.config.DATABASE_URL, trustId).execute(sql`
        select t.* from (${allTasks()}) t
         where lower(t.email) = lower(${email.trim()}) and t.state = 'open' and not t.withdrawn
         order by t.due_at nulls last, t.title limit ${MAX_TASKS}`),
      ),
    ),
  );
  const tasks = trustIds.length > 1 ? perTrust.flat().sort(byDueThenTitle) : perTrust.flat();
  return { mailed: await mailTasks(ctx, await claim(ctx, tasks.slice(0, MAX_TASKS))) };
}
