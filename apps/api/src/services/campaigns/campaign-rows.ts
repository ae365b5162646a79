import { membershipRoles } from '@attest/core';
import { campaignStatus } from '@attest/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { jsonColumn, rowsOf, textArrayColumn, timestampColumn } from '../../lib/rows.ts';
import { canSeeSchool } from '../schools/visibility.ts';

export const DEFAULT_REMINDERS = ['+3', '+7', 'due-1', 'due'];

const CampaignRow = z.object({
  id: z.string(),
  name: z.string(),
  policy_id: z.string(),
  policy_title: z.string(),
  school_ids: textArrayColumn,
  audiences: textArrayColumn.pipe(z.array(z.enum(membershipRoles))),
  due_at: z.string(),
  message: z.string(),
  reminder_schedule: jsonColumn(z.array(z.string())).nullable(),
  status: z.enum(campaignStatus.enumValues),
  previous_campaign_id: z.string().nullable(),
  launched_at: timestampColumn.nullable(),
  created_at: timestampColumn,
  /** Recipients per status; null when there are none. */
  counts: jsonColumn(z.record(z.string(), z.number())).nullable(),
  per_school: jsonColumn(
    z.array(
      z.object({
        schoolId: z.string(),
        schoolName: z.string(),
        total: z.number(),
        signed: z.number(),
        bounced: z.number(),
        outstanding: z.number(),
        /** The last time someone pressed "Remind" for this school (a chase), or null. */
        lastChasedAt: z
          .union([z.string(), z.null()])
          .transform((v) => (v ? new Date(v).toISOString() : null)),
      }),
    ),
  ).nullable(),
});
type CampaignRow = z.infer<typeof CampaignRow>;

function present(row: CampaignRow, actor: ServiceContext['actor']) {
  const schoolIds = row.school_ids.filter((id) => canSeeSchool(actor, id));
  const counts = {
    queued: 0,
    sent: 0,
    delivered: 0,
    bounced: 0,
    signed: 0,
    withdrawn: 0,
    ...(row.counts ?? {}),
  };
  const total = Object.entries(counts).reduce((n, [k, v]) => (k === 'withdrawn' ? n : n + v), 0);
  return {
    id: row.id,
    name: row.name,
    policy: { id: row.policy_id, title: row.policy_title },
    schoolIds,
    audiences: row.audiences,
    dueAt: row.due_at,
    message: row.message,
    reminderSchedule: row.reminder_schedule ?? DEFAULT_REMINDERS,
    status: row.status,
    previousCampaignId: row.previous_campaign_id,
    launchedAt: row.launched_at,
    counts: { ...counts, total, outstanding: total - counts.signed },
    schools: (row.per_school ?? []).filter((s) => canSeeSchool(actor, s.schoolId)),
    createdAt: row.created_at,
  };
}

export type Campaign = ReturnType<typeof present>;

/** One statement: the campaign, its counts per status and per school. */
export async function campaignRows(ctx: ServiceContext, where: ReturnType<typeof sql>) {
  const { actor } = ctx;
  const visible = actor.isTrustAdmin ? sql`true` : sql`c.school_ids && ${sql.param(actor.schoolIds)}::uuid[]`;
  const recipientScope = actor.isTrustAdmin
    ? sql`true`
    : sql`r.school_id = any(${sql.param(actor.schoolIds)}::uuid[])`;
  const result = await ctx.db.execute(sql`
    select c.id, c.name, c.policy_id, p.title as policy_title, c.school_ids, c.audiences, c.due_at, c.message,
           c.reminder_schedule, c.status, c.previous_campaign_id, c.launched_at, c.created_at,
           (select json_object_agg(status, n) from (select r.status, count(*)::int as n from recipients r
              where r.campaign_id = c.id and ${recipientScope} group by r.status) x) as counts,
           (select json_agg(json_build_object('schoolId', s.id, 'schoolName', s.name, 'total', x.total, 'signed', x.signed,
                                              'bounced', x.bounced, 'outstanding', x.total - x.signed,
                                              'lastChasedAt', (select max(n.created_at) from notifications_sent n
                                                                where n.kind = 'campaign.chase' and n.subject_id = c.id
                                                                  and n.recipient like s.id::text || ':%')) order by s.name)
              from (select r.school_id, count(*) filter (where r.status <> 'withdrawn')::int as total,
                           count(*) filter (where r.status = 'signed')::int as signed,
                           count(*) filter (where r.status = 'bounced')::int as bounced
                      from recipients r where r.campaign_id = c.id and ${recipientScope} group by r.school_id) x
              join schools s on s.id = x.school_id) as per_school
      from campaigns c join policies p on p.id = c.policy_id
     where c.trust_id = ${actor.trustId}::uuid and ${visible} and ${where}
     order by c.created_at desc, c.id`);
  return rowsOf('campaigns', CampaignRow, result).map((r) => present(r, actor));
}
