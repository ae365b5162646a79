import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { intColumn, rowsOf, timestampColumn } from '../../lib/rows.ts';
import { getCampaign } from './get-campaign.ts';

export interface RecipientFilter {
  schoolId?: string;
  status?: 'queued' | 'sent' | 'delivered' | 'bounced' | 'signed' | 'withdrawn' | 'outstanding';
}

const RecipientRow = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  email: z.string(),
  jobTitle: z.string().nullable(),
  schoolId: z.string(),
  schoolName: z.string(),
  status: z.string(),
  sends: intColumn,
  lastSentAt: timestampColumn.nullable(),
  signedAt: timestampColumn.nullable(),
  typedName: z.string().nullable(),
});

/** The drill-down: who has and hasn't signed. Never the token or its hash. */
export async function listRecipients(
  ctx: ServiceContext,
  { campaignId, ...filter }: RecipientFilter & { campaignId: string },
) {
  const campaign = await getCampaign(ctx, campaignId);
  const conditions = [sql`r.campaign_id = ${campaignId}::uuid`, sql`r.trust_id = ${ctx.actor.trustId}::uuid`];
  if (!ctx.actor.isTrustAdmin)
    conditions.push(sql`r.school_id = any(${sql.param(ctx.actor.schoolIds)}::uuid[])`);
  if (filter.schoolId) conditions.push(sql`r.school_id = ${filter.schoolId}::uuid`);
  if (filter.status === 'outstanding')
    conditions.push(sql`r.status in ('queued', 'sent', 'delivered', 'bounced')`);
  else if (filter.status) conditions.push(sql`r.status = ${filter.status}`);
  const result = await ctx.db.execute(sql`
    select r.id, p.id as "personId", p.name, r.email, p.job_title as "jobTitle", s.id as "schoolId", s.name as "schoolName",
           r.status, r.sends, r.last_sent_at as "lastSentAt", sg.signed_at as "signedAt", sg.typed_name as "typedName"
      from recipients r join people p on p.id = r.person_id join schools s on s.id = r.school_id
      left join signatures sg on sg.recipient_id = r.id
     where ${sql.join(conditions, sql` and `)}
     order by s.name, lower(p.name), r.id`);
  return {
    campaign: { id: campaign.id, name: campaign.name },
    data: rowsOf('campaign recipients', RecipientRow, result),
  };
}
