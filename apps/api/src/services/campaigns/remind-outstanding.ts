import { agree, plural } from '@attest/core/words';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { londonDay } from '../../lib/dates.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { sendAll } from '../../lib/queue.ts';
import { rowsOf } from '../../lib/rows.ts';
import { remindMessages } from '../../queues/messages.ts';
import { auditInsert } from '../audit/record.ts';
import { canSeeSchool } from '../schools/visibility.ts';
import { assertCampaignWithinSchools } from './campaign-scope.ts';
import { getCampaign } from './get-campaign.ts';

/**
 * "Chase": reminds everyone outstanding at a school (or at every school the actor can see), at most
 * once a day per school. The day's claim is written in the same batch that finds the people, so two
 * clicks cannot both send.
 */
export async function remindOutstanding(
  ctx: ServiceContext,
  { campaignId, schoolId }: { campaignId: string; schoolId?: string },
) {
  const campaign = await getCampaign(ctx, campaignId);
  await assertCampaignWithinSchools(ctx, campaign);
  if (campaign.status === 'draft')
    throw new DomainError('CONFLICT', `“${campaign.name}” has not been sent yet.`);
  if (schoolId && (!canSeeSchool(ctx.actor, schoolId) || !campaign.schoolIds.includes(schoolId)))
    throw notFound('That school');
  const schools = schoolId ? [schoolId] : campaign.schoolIds;
  const day = londonDay(ctx.now());
  const trustId = ctx.actor.trustId;
  const [claimed, outstanding] = await ctx.db.batch([
    ctx.db.execute(sql`
      insert into notifications_sent (trust_id, kind, subject_id, recipient)
      select ${trustId}::uuid, 'campaign.chase', ${campaignId}::uuid, s || ':' || ${day}
        from unnest(${sql.param(schools)}::text[]) s
      on conflict (kind, subject_id, recipient) do nothing
      returning split_part(recipient, ':', 1) as school_id`),
    ctx.db.execute(sql`
      select r.id, r.school_id from recipients r
       where r.campaign_id = ${campaignId}::uuid and r.trust_id = ${trustId}::uuid
         and r.school_id = any(${sql.param(schools)}::uuid[]) and r.status in ('sent', 'delivered')
       order by r.id`),
  ]);
  const fresh = new Set(
    rowsOf('schools chased today', z.object({ school_id: z.string() }), claimed).map((r) => r.school_id),
  );
  if (fresh.size === 0)
    throw new DomainError('CONFLICT', 'Already chased today: you can chase again tomorrow.');
  const ids = rowsOf('recipients to chase', z.object({ id: z.string(), school_id: z.string() }), outstanding)
    .filter((r) => fresh.has(r.school_id))
    .map((r) => r.id);
  // Thrown, not only logged: the day's chase is claimed, and no sweep sends reminders again.
  await sendAll(ctx, remindMessages({ trustId, campaignId, day }, ids));
  await ctx.db.batch([
    auditInsert(ctx, {
      action: 'campaign.chased',
      entityType: 'campaign',
      entityId: campaignId,
      summary: `Reminded ${plural(ids.length, 'person', 'people')} who ${agree(ids.length, 'has', 'have')} not signed “${campaign.name}”`,
      after: { schools: [...fresh], day },
    }),
  ]);
  return { reminded: ids.length, schools: [...fresh], skippedSchools: schools.filter((s) => !fresh.has(s)) };
}
