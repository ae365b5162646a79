import { sql } from 'drizzle-orm';
import type { LinkContext } from '../../lib/context.ts';
import { rowsOf } from '../../lib/rows.ts';
import { claim, mailTasks } from './fresh-links.ts';
import { allTasks, TaskRow } from './purposes.ts';

/** The most tasks one message lists. */
const MAX_TASKS = 20;

/**
 * "Email me my link", by address: one message listing every open task that address has, of every
 * purpose, in any trust, each with its link (replaced if expired). The caller learns nothing: the
 * answer is the same for an unknown address, and the route runs this after answering.
 */
export async function requestLinksByEmail(ctx: LinkContext, email: string) {
  const tasks = rowsOf(
    'open tasks by address',
    TaskRow,
    await ctx.db.execute(sql`
    select t.* from (${allTasks()}) t
     where lower(t.email) = lower(${email.trim()}) and t.state = 'open' and not t.withdrawn
     order by t.due_at nulls last, t.title limit ${MAX_TASKS}`),
  );
  return { mailed: await mailTasks(ctx, await claim(ctx, tasks)) };
}
