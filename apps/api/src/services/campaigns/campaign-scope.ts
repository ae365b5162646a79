import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { firstRowOf, textArrayColumn } from '../../lib/rows.ts';
import { canSeeSchool, seesWholeTrust } from '../schools/visibility.ts';

/**
 * Sending, chasing or re-running a campaign mails everyone it covers. A head or school admin sees
 * a campaign that spans other schools too (their own part of it), but may not act on it: that
 * would mail people outside their schools. A trust admin may.
 */
export async function assertCampaignWithinSchools(
  ctx: ServiceContext,
  campaign: { id: string; name: string },
) {
  if (seesWholeTrust(ctx.actor)) return;
  const row = firstRowOf(
    'campaign schools',
    z.object({ school_ids: textArrayColumn }),
    await ctx.db.execute(sql`
      select school_ids from campaigns where id = ${campaign.id}::uuid and trust_id = ${ctx.actor.trustId}::uuid`),
  );
  if (row?.school_ids.some((schoolId) => !canSeeSchool(ctx.actor, schoolId)))
    throw new DomainError(
      'FORBIDDEN',
      `“${campaign.name}” also covers schools that are not yours, so only a trust admin can send, chase or re-run it.`,
    );
}
