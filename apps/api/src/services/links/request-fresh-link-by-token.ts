import { sql } from 'drizzle-orm';
import type { LinkContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { rowsOf } from '../../lib/rows.ts';
import { claim, mailTasks } from './fresh-links.ts';
import { linkNotFound, linkWithdrawn, requestClosed } from './link-errors.ts';
import { allTasks, linkPurposeSpecs, TaskRow } from './purposes.ts';
import { openLink } from './tokens.ts';

/**
 * "Email me a fresh link", from the page of a link we recognise. An expired link is replaced; a link
 * still valid is sent again. Answers the same whether or not a message went (the cooldown may have
 * held it back), so the page can always say "check your email".
 */
export async function requestFreshLinkByToken(link: LinkContext, token: string) {
  const { hash, ctx } = await openLink(link, token);
  if (!hash) throw linkNotFound();
  const [task] = rowsOf(
    'link by token',
    TaskRow,
    await ctx.db.execute(sql`select t.* from (${allTasks()}) t where t.token_hash = ${hash}`),
  );
  if (!task) throw linkNotFound();
  if (task.withdrawn) throw linkWithdrawn();
  if (task.state === 'done') throw new DomainError('CONFLICT', linkPurposeSpecs[task.purpose].doneMessage);
  if (task.state === 'closed') throw requestClosed();
  return { mailed: await mailTasks(ctx, await claim(ctx, [task])) };
}
