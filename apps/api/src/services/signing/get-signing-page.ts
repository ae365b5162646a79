import type { LinkContext } from '../../lib/context.ts';
import { firstRowOf } from '../../lib/rows.ts';
import { openLink } from '../links/tokens.ts';
import { blockingProblem, PageRow, pageSelect, type SigningPage, toPage } from './signing-page.ts';

/** GET: reading never changes anything (no "opened" mark here; Resend's open events do that). */
export async function getSigningPage(ctx: LinkContext, token: string): Promise<SigningPage> {
  const { hash, ctx: holder } = await openLink(ctx, token);
  const row = hash
    ? firstRowOf('signing page', PageRow, await holder.db.execute(pageSelect(hash)))
    : undefined;
  const problem = blockingProblem(row);
  if (problem) throw problem;
  return toPage(row!);
}
