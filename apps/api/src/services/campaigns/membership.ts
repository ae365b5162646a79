import { type MembershipRole, membershipRoles } from '@attest/core';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext, TrustActor } from '../../lib/context.ts';
import { fromPgArray } from '../../lib/pg-values.ts';
import { rowsOf } from '../../lib/rows.ts';
import type { CampaignSendMessage } from '../../queues/messages.ts';
import { auditActor } from '../audit/record.ts';
import { newLink } from '../links/tokens.ts';
import { BATCH_SIZE, LINK_GRACE_DAYS } from './launch-campaign.ts';

/** Joining and leaving happen in admins' requests and in the hourly job alike. */
type TrustContext = ServiceContext<TrustActor>;

// A campaign follows the directory while it is open: people who join one of its schools in one of
// its audiences become recipients, people who leave are withdrawn (unless they signed: a signature
// is evidence and is never touched). Each rule is one set-based statement placed in the same
// db.batch as the directory change that causes it, so the two commit together; the emails are
// enqueued after the commit (a lost enqueue is picked up by the cron's sweep). docs/adr/0010.

/** When a campaign's links stop working: the end of its due date (UTC), plus the grace period. */
export const linkExpirySql = (c: string) =>
  sql`((${sql.raw(c)}.due_at || 'T23:59:59Z')::timestamptz + ${sql.raw(`interval '${LINK_GRACE_DAYS} days'`)})`;

/** Open: launched, not closed, and its links still work. Only open campaigns gain or lose people. */
export const openCampaignSql = (c: string, now: Date) =>
  sql`${sql.raw(c)}.status in ('sending', 'sent') and ${linkExpirySql(c)} > ${now.toISOString()}::timestamptz`;

/** A current membership of the person `p` that puts them in campaign `c`'s audience. */
const inAudience = (p: SQL, c: string) => sql`exists (
  select 1 from school_memberships m
   where m.person_id = ${p} and m.left_at is null
     and m.school_id = any(${sql.raw(c)}.school_ids) and m.role = any(${sql.raw(c)}.audiences))`;

const OpenCampaignRow = z.object({
  id: z.string(),
  audiences: z.preprocess(
    (v) => fromPgArray(v as string[] | string | null),
    z.array(z.enum(membershipRoles)),
  ),
});

export interface OpenCampaign {
  id: string;
  audiences: MembershipRole[];
}

/** The open campaigns that include a school: what someone joining it might be added to. */
export function openCampaignsAtSql(ctx: TrustContext, schoolId: string) {
  return ctx.db.execute(sql`
    select c.id, c.audiences from campaigns c
     where c.trust_id = ${ctx.actor.trustId}::uuid and ${schoolId}::uuid = any(c.school_ids)
       and ${openCampaignSql('c', ctx.now())}
     order by c.id`);
}

export const toOpenCampaigns = (result: unknown): OpenCampaign[] =>
  rowsOf('open campaigns', OpenCampaignRow, result).map((r) => ({
    id: r.id,
    audiences: r.audiences,
  }));

export async function openCampaignsAt(ctx: TrustContext, schoolId: string) {
  return toOpenCampaigns(await openCampaignsAtSql(ctx, schoolId));
}

/**
 * Who may be joining: a person (by id, or by lower-cased email for an import whose new people have
 * no id yet) with the role they join in, or null when any of their roles at the school may count.
 */
export interface Joiner {
  key: string;
  role: MembershipRole | null;
}

/**
 * What joining could add: a recipient id and its link's hash per (campaign, person) pair. Worked
 * out before the transaction because the link is an HMAC of the recipient id under the Worker's
 * secret, which Postgres never sees; whether a pair really is added is decided inside it.
 */
export interface JoinPlan {
  schoolId: string;
  match: 'person' | 'email';
  rows: { id: string; linkId: string; campaignId: string; key: string; hash: string }[];
}

export async function planJoiners(
  ctx: TrustContext,
  schoolId: string,
  match: JoinPlan['match'],
  joiners: Joiner[],
  campaigns: OpenCampaign[],
): Promise<JoinPlan> {
  const pairs = new Map<string, { campaignId: string; key: string }>();
  for (const campaign of campaigns) {
    for (const j of joiners) {
      if (j.role && !campaign.audiences.includes(j.role)) continue;
      const key = match === 'email' ? j.key.toLowerCase() : j.key;
      pairs.set(`${campaign.id}:${key}`, { campaignId: campaign.id, key });
    }
  }
  const rows = await Promise.all(
    [...pairs.values()].map(async (p) => {
      const link = await newLink(ctx.config, 'sign');
      return { id: crypto.randomUUID(), linkId: link.id, ...p, hash: link.hash };
    }),
  );
  return { schoolId, match, rows };
}

/**
 * The statements that add the plan's joiners, for the caller's batch after its own writes (they
 * read the memberships those writes made). Empty when there is nothing to add. The (campaign,
 * batch) pairs to enqueue after the commit are read from the batch's results by `joinedSends`.
 *
 * A pair is added only if, inside the transaction, the campaign is still open, the person has a
 * current membership at the school they joined in one of its audiences, and they are not already
 * a recipient (through another school, say); a recipient withdrawn earlier goes back to queued
 * (same row, same link) rather than getting a second one. The campaigns are locked first so that concurrent joiners number their
 * batches one after the other and no batch grows past 100.
 */
export function joinStatements(ctx: TrustContext, plan: JoinPlan) {
  if (plan.rows.length === 0) return [];
  const trustId = ctx.actor.trustId;
  const col = <K extends keyof JoinPlan['rows'][number]>(k: K) => sql.param(plan.rows.map((r) => r[k]));
  const campaignIds = [...new Set(plan.rows.map((r) => r.campaignId))];
  const person = plan.match === 'person' ? sql`p.id = cand.key::uuid` : sql`lower(p.email) = cand.key`;
  // A big import's joiners meet thousands of people and memberships written earlier in this same
  // transaction, which the planner's statistics have never seen: it then picks nested loops that
  // rescan whole sets per row (minutes on PGlite). Hash joins are right for a set this size, so
  // nested loops are switched off for this one statement (transaction-local, switched back after).
  const bulk = plan.rows.length > BATCH_SIZE;
  const nestLoop = (on: boolean) => sql`select set_config('enable_nestloop', ${on ? 'on' : 'off'}, true)`;
  return [
    ctx.db.execute(sql`
      select id from campaigns where trust_id = ${trustId}::uuid and id = any(${sql.param(campaignIds)}::uuid[])
       order by id for update`),
    ...(bulk ? [ctx.db.execute(nestLoop(false))] : []),
    ctx.db.execute(sql`
      with cand as (
        select * from unnest(${col('id')}::uuid[], ${col('linkId')}::uuid[], ${col('campaignId')}::uuid[], ${col('key')}::text[],
                             ${col('hash')}::text[])
            as t(id, link_id, campaign_id, key, hash)
      ), next_batch as materialized (
        -- Once per campaign, not per row: the insert below would otherwise rescan its own new rows.
        select c.id as campaign_id, (select coalesce(max(x.batch_no) + 1, 0) from recipients x where x.campaign_id = c.id) as next
          from campaigns c where c.id = any(${sql.param(campaignIds)}::uuid[])
      ), eligible as (
        select distinct on (c.id, p.id)
               cand.id, cand.link_id, cand.hash, c.id as campaign_id, p.id as person_id, p.email, v.id as version_id,
               ${linkExpirySql('c')} as expires, nb.next
          from cand
          join campaigns c on c.id = cand.campaign_id and c.trust_id = ${trustId}::uuid and ${openCampaignSql('c', ctx.now())}
          join next_batch nb on nb.campaign_id = c.id
          join people p on p.trust_id = ${trustId}::uuid and ${person}
          join school_memberships m on m.person_id = p.id and m.school_id = ${plan.schoolId}::uuid and m.left_at is null
                                   and m.role = any(c.audiences)
          join lateral (
            select pv.id from policy_versions pv where pv.policy_id = c.policy_id and pv.school_id = m.school_id
             order by pv.version desc limit 1) v on true
          left join recipients r on r.campaign_id = c.id and r.person_id = p.id
         where r.id is null or r.status = 'withdrawn'
         order by c.id, p.id, cand.id
      ), numbered as (
        select e.*, e.next + (row_number() over (partition by e.campaign_id order by e.person_id) - 1) / ${BATCH_SIZE} as batch_no
          from eligible e
      ), written as (
        insert into recipients (id, trust_id, campaign_id, person_id, school_id, policy_version_id, email, batch_no)
        select n.id, ${trustId}::uuid, n.campaign_id, n.person_id, ${plan.schoolId}::uuid, n.version_id, n.email, n.batch_no
          from numbered n
        on conflict (campaign_id, person_id) do update
           set status = 'queued', school_id = excluded.school_id, policy_version_id = excluded.policy_version_id,
               email = excluded.email, batch_no = excluded.batch_no, updated_at = now()
         where recipients.status = 'withdrawn'
        -- A row made before this transaction was a withdrawn recipient put back.
        returning id, campaign_id, person_id, batch_no, created_at < now() as revived
      ), linked as (
        -- A new recipient gets its link; one put back gets its old link back (the same token).
        insert into person_links (id, trust_id, person_id, purpose, subject_id, token_hash, expires_at)
        select n.link_id, ${trustId}::uuid, w.person_id, 'sign', w.id, n.hash, n.expires
          from written w join numbered n on n.id = w.id
         where not w.revived
      ), restored as (
        update person_links l set withdrawn_at = null, updated_at = now()
          from written w
         where w.revived and l.purpose = 'sign' and l.subject_id = w.id
      ), audited as (
        -- One entry per campaign: a person by name, or a whole import's joiners by count (ids in "after").
        insert into audit_log (trust_id, actor_user_id, actor_name, actor_email, action, entity_type, entity_id, summary, after)
        select ${auditActor(ctx)}, 'campaign.recipient_added', 'campaign', w.campaign_id,
               case when count(*) = 1
                    then 'Added ' || min(p.name) || case when bool_or(w.revived) then ' back' else '' end
                         || ' to “' || c.name || '” at ' || s.name
                    else 'Added ' || count(*) || ' people to “' || c.name || '” at ' || s.name end,
               jsonb_build_object('schoolId', s.id,
                                  'people', jsonb_agg(jsonb_build_object('personId', w.person_id, 'recipientId', w.id,
                                                                         'rejoined', w.revived) order by w.person_id),
                                  'batches', array_agg(distinct w.batch_no))
          from written w join people p on p.id = w.person_id join campaigns c on c.id = w.campaign_id
          join schools s on s.id = ${plan.schoolId}::uuid
         group by w.campaign_id, c.name, s.id, s.name
      )
      select distinct campaign_id, batch_no, 'campaign.send' as enqueue from written order by campaign_id, batch_no`),
    ...(bulk ? [ctx.db.execute(nestLoop(true))] : []),
  ];
}

/**
 * The send messages for what `joinStatements` or `emailStatements` queued, found among a batch's
 * results by the rows they answer (marked `enqueue`), wherever those statements sat in the batch.
 */
export function joinedSends(trustId: string, results: unknown[]): CampaignSendMessage[] {
  type Row = { campaign_id: string; batch_no: number | string; enqueue?: string };
  return results
    .flatMap((r) =>
      ((r as { rows?: Row[] } | null)?.rows ?? []).filter((row) => row?.enqueue === 'campaign.send'),
    )
    .map((r) => ({ kind: 'campaign.send', trustId, campaignId: r.campaign_id, batchNo: Number(r.batch_no) }));
}

/**
 * Withdraws people from the open campaigns they no longer belong in: not signed, and with no
 * current membership left at any of the campaign's schools in any of its audiences. For the batch
 * after the membership change. Their link then answers 410 LINK_WITHDRAWN; a signed recipient is
 * never matched.
 */
export function withdrawStatement(ctx: TrustContext, personIds: string[], leftSchoolId: string) {
  const trustId = ctx.actor.trustId;
  return ctx.db.execute(sql`
    with withdrawn as (
      update recipients r set status = 'withdrawn', updated_at = now()
        from campaigns c, recipients old
       where old.id = r.id and c.id = r.campaign_id and c.trust_id = ${trustId}::uuid and ${openCampaignSql('c', ctx.now())}
         and r.trust_id = ${trustId}::uuid and r.person_id = any(${sql.param(personIds)}::uuid[])
         and r.status in ('queued', 'sent', 'delivered', 'bounced')
         and not ${inAudience(sql`r.person_id`, 'c')}
      returning r.id, r.campaign_id, r.person_id, old.status as was, c.name as campaign_name
    ), unlinked as (
      -- Their link now answers 410 LINK_WITHDRAWN.
      update person_links l set withdrawn_at = now(), updated_at = now()
        from withdrawn w
       where l.purpose = 'sign' and l.subject_id = w.id
    )
    insert into audit_log (trust_id, actor_user_id, actor_name, actor_email, action, entity_type, entity_id, summary, before, after)
    select ${auditActor(ctx)}, 'campaign.recipient_withdrawn', 'campaign', w.campaign_id,
           'Withdrew ' || p.name || ' from “' || w.campaign_name || '”: left ' || s.name,
           jsonb_build_object('personId', w.person_id, 'recipientId', w.id, 'status', w.was),
           jsonb_build_object('status', 'withdrawn', 'leftSchoolId', s.id)
      from withdrawn w join people p on p.id = w.person_id
      join schools s on s.id = ${leftSchoolId}::uuid`);
}

/**
 * A changed address follows the person into their open, unsigned campaigns, so the next email
 * (the send itself if still queued, otherwise the reminders) goes to the new address. A recipient
 * whose old address bounced never had the link, so they are queued again into a fresh batch
 * (enqueued after the commit: `joinedSends`). The campaigns are locked first, as for joiners.
 */
export function emailStatements(ctx: TrustContext, personId: string, email: string) {
  const trustId = ctx.actor.trustId;
  const mine = sql`r.trust_id = ${trustId}::uuid and r.person_id = ${personId}::uuid
                   and r.status in ('queued', 'sent', 'delivered', 'bounced')`;
  return [
    ctx.db.execute(sql`
      select c.id from campaigns c
       where c.trust_id = ${trustId}::uuid and ${openCampaignSql('c', ctx.now())}
         and exists (select 1 from recipients r where r.campaign_id = c.id and ${mine} and r.status = 'bounced')
       order by c.id for update`),
    ctx.db.execute(sql`
      with target as (
        select r.id, r.status as was, c.id as campaign_id, c.name as campaign_name
          from recipients r join campaigns c on c.id = r.campaign_id
         where c.trust_id = ${trustId}::uuid and ${openCampaignSql('c', ctx.now())} and ${mine}
           and r.email is distinct from ${email}::text
      ), moved as (
        update recipients r
           set email = ${email}::text, updated_at = now(),
               status = case when t.was = 'bounced' then 'queued'::recipient_status else r.status end,
               batch_no = case when t.was = 'bounced'
                               then (select max(x.batch_no) + 1 from recipients x where x.campaign_id = r.campaign_id)
                               else r.batch_no end
          from target t
         where r.id = t.id and r.status in ('queued', 'sent', 'delivered', 'bounced')
        returning r.id, r.campaign_id, r.batch_no, t.was, t.campaign_name
      ), audited as (
        insert into audit_log (trust_id, actor_user_id, actor_name, actor_email, action, entity_type, entity_id, summary, after)
        select ${auditActor(ctx)}, 'campaign.recipient_email_changed', 'campaign', m.campaign_id,
               case when m.was = 'bounced'
                    then 'Sending “' || m.campaign_name || '” again to ' || p.name || ' at ' || ${email}::text || ': the old address bounced'
                    else 'Sending “' || m.campaign_name || '” to ' || p.name || ' at ' || ${email}::text || ' from now on' end,
               jsonb_build_object('personId', p.id, 'recipientId', m.id, 'email', ${email}::text, 'resent', m.was = 'bounced')
          from moved m join people p on p.id = ${personId}::uuid
      )
      select distinct campaign_id, batch_no, 'campaign.send' as enqueue from moved where was = 'bounced'
       order by campaign_id, batch_no`),
  ];
}
