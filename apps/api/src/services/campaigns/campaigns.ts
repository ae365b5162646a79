import { campaigns } from '@attest/db';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { fromJson, fromPgArray } from '../../lib/pg-values.ts';
import { auditInsert } from '../audit/record.ts';
import { getPolicy } from '../library/policies.ts';
import { canSeeSchool } from '../schools/visibility.ts';

type Audience = 'staff' | 'governor' | 'volunteer' | 'visitor';

export interface CampaignInput {
  name: string;
  policyId: string;
  schoolIds: string[];
  audiences: Audience[];
  dueAt: string;
  message?: string;
  reminderSchedule?: string[];
}

export const DEFAULT_REMINDERS = ['+3', '+7', 'due-1', 'due'];

/** `previous`: the campaign this one re-runs (see rerun.ts), recorded on the row and in the audit log. */
export async function createCampaign(
  ctx: ServiceContext,
  input: CampaignInput,
  previous?: { id: string; name: string },
) {
  const policy = await getPolicy(ctx, input.policyId);
  const schoolIds = [...new Set(input.schoolIds)];
  const outside = schoolIds.filter(
    (id) => !canSeeSchool(ctx.actor, id) || !policy.schools.some((s) => s.schoolId === id),
  );
  if (outside.length) throw notFound('That school');
  if (input.dueAt < ctx.now().toISOString().slice(0, 10)) {
    throw new DomainError('VALIDATION_FAILED', 'dueAt: the due date is in the past.', [
      { path: 'dueAt', message: 'is in the past' },
    ]);
  }
  const id = crypto.randomUUID();
  const values = {
    id,
    trustId: ctx.actor.trustId,
    name: input.name,
    policyId: input.policyId,
    schoolIds,
    audiences: input.audiences,
    dueAt: input.dueAt,
    message: input.message ?? '',
    reminderSchedule: input.reminderSchedule ?? DEFAULT_REMINDERS,
    previousCampaignId: previous?.id ?? null,
    createdByUserId: ctx.actor.userId,
  };
  await ctx.db.batch([
    ctx.db.insert(campaigns).values(values),
    auditInsert(ctx, {
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: id,
      summary: previous
        ? `Created the campaign “${input.name}” to run “${previous.name}” again`
        : `Created the campaign “${input.name}”`,
      after: values,
    }),
  ]);
  return getCampaign(ctx, id);
}

interface CampaignRow {
  id: string;
  name: string;
  policy_id: string;
  policy_title: string;
  school_ids: string[] | string;
  audiences: Audience[] | string;
  due_at: string;
  message: string;
  reminder_schedule: string[] | string;
  status: string;
  previous_campaign_id: string | null;
  launched_at: string | null;
  created_at: string;
  counts: Record<string, number> | string | null;
  per_school:
    | {
        schoolId: string;
        schoolName: string;
        total: number;
        signed: number;
        bounced: number;
        outstanding: number;
      }[]
    | string
    | null;
}

const parse = <T>(v: T | string | null, fallback: T): T => (v === null ? fallback : fromJson(v));

function present(row: CampaignRow, actor: ServiceContext['actor']) {
  const schoolIds = fromPgArray(row.school_ids).filter((id) => canSeeSchool(actor, id));
  const counts = {
    queued: 0,
    sent: 0,
    delivered: 0,
    bounced: 0,
    signed: 0,
    withdrawn: 0,
    ...parse(row.counts, {}),
  };
  const total = Object.entries(counts).reduce((n, [k, v]) => (k === 'withdrawn' ? n : n + v), 0);
  return {
    id: row.id,
    name: row.name,
    policy: { id: row.policy_id, title: row.policy_title },
    schoolIds,
    audiences: fromPgArray(row.audiences),
    dueAt: row.due_at,
    message: row.message,
    reminderSchedule: parse(row.reminder_schedule, DEFAULT_REMINDERS),
    status: row.status,
    previousCampaignId: row.previous_campaign_id,
    launchedAt: row.launched_at ? new Date(row.launched_at).toISOString() : null,
    counts: { ...counts, total, outstanding: total - counts.signed },
    schools: parse(row.per_school, []).filter((s) => canSeeSchool(actor, s.schoolId)),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export type Campaign = ReturnType<typeof present>;

/** One statement: the campaign, its counts per status and per school. */
async function campaignRows(ctx: ServiceContext, where: ReturnType<typeof sql>) {
  const { actor } = ctx;
  const visible = actor.isTrustAdmin ? sql`true` : sql`c.school_ids && ${sql.param(actor.schoolIds)}::uuid[]`;
  const recipientScope = actor.isTrustAdmin
    ? sql`true`
    : sql`r.school_id = any(${sql.param(actor.schoolIds)}::uuid[])`;
  const result = await ctx.db.execute<Record<string, unknown>>(sql`
    select c.id, c.name, c.policy_id, p.title as policy_title, c.school_ids, c.audiences, c.due_at, c.message,
           c.reminder_schedule, c.status, c.previous_campaign_id, c.launched_at, c.created_at,
           (select json_object_agg(status, n) from (select r.status, count(*)::int as n from recipients r
              where r.campaign_id = c.id and ${recipientScope} group by r.status) x) as counts,
           (select json_agg(json_build_object('schoolId', s.id, 'schoolName', s.name, 'total', x.total, 'signed', x.signed,
                                              'bounced', x.bounced, 'outstanding', x.total - x.signed) order by s.name)
              from (select r.school_id, count(*) filter (where r.status <> 'withdrawn')::int as total,
                           count(*) filter (where r.status = 'signed')::int as signed,
                           count(*) filter (where r.status = 'bounced')::int as bounced
                      from recipients r where r.campaign_id = c.id and ${recipientScope} group by r.school_id) x
              join schools s on s.id = x.school_id) as per_school
      from campaigns c join policies p on p.id = c.policy_id
     where c.trust_id = ${actor.trustId}::uuid and ${visible} and ${where}
     order by c.created_at desc, c.id`);
  return (result.rows as unknown as CampaignRow[]).map((r) => present(r, actor));
}

export const listCampaigns = (ctx: ServiceContext) => campaignRows(ctx, sql`true`);

export async function getCampaign(ctx: ServiceContext, id: string) {
  const [campaign] = await campaignRows(ctx, sql`c.id = ${id}::uuid`);
  if (!campaign) throw notFound('That campaign');
  return campaign;
}
