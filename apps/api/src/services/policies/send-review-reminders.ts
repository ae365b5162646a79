import { sha256Hex } from '@attest/core';
import { reviewReminderEmail } from '@attest/email';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SystemContext } from '../../lib/context.ts';
import { rowsOf } from '../../lib/rows.ts';
import { webUrl } from '../../lib/web-url.ts';

// Daily: tell each policy's owner when its published versions are due for review within 30 days.
// One email per policy and owner, listing the schools; each version is reminded once. The send
// carries an idempotency key, so a run that dies between sending and recording cannot mail twice.

export const REVIEW_NOTICE_DAYS = 30;
const KIND = 'policy.review_due';

const DueRow = z.object({
  version_id: z.string(),
  policy_id: z.string(),
  title: z.string(),
  school_name: z.string(),
  next_review_at: z.string(),
  owner_email: z.string(),
  owner_name: z.string(),
  trust_name: z.string(),
});
type DueRow = z.infer<typeof DueRow>;

export async function sendReviewReminders(ctx: SystemContext) {
  const { db, mail, config } = ctx;
  const trustId = ctx.actor.trustId;
  const soon = new Date(ctx.now().getTime() + REVIEW_NOTICE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const result = await db.execute(sql`
    with latest as (
      select distinct on (v.policy_id, v.school_id) v.id, v.trust_id, v.policy_id, v.school_id, v.next_review_at
        from policy_versions v
       where v.trust_id = ${trustId}::uuid
       order by v.policy_id, v.school_id, v.version desc)
    select l.id as version_id, l.policy_id, p.title, s.name as school_name, l.next_review_at,
           u.email as owner_email, u.name as owner_name, t.name as trust_name
      from latest l
      join policies p on p.id = l.policy_id and p.archived_at is null
      join schools s on s.id = l.school_id
      join trusts t on t.id = l.trust_id
      join users u on u.id = p.owner_user_id and u.email <> ''
     where l.next_review_at <= ${soon}
       and not exists (select 1 from notifications_sent n
                        where n.kind = ${KIND} and n.subject_id = l.id and n.recipient = u.email)
     order by l.policy_id, s.name`);
  const rows = rowsOf('policy versions due for review', DueRow, result);
  const byPolicy = new Map<string, DueRow[]>();
  for (const row of rows) {
    const key = `${row.policy_id}|${row.owner_email}`;
    byPolicy.set(key, [...(byPolicy.get(key) ?? []), row]);
  }
  let sent = 0;
  for (const group of byPolicy.values()) {
    const first = group[0]!;
    const message = reviewReminderEmail({
      ownerName: first.owner_name,
      policyTitle: first.title,
      trustName: first.trust_name,
      schools: group.map((r) => ({ name: r.school_name, nextReviewAt: r.next_review_at })),
      policyUrl: `${webUrl(config)}/policies/${first.policy_id}`,
    });
    const versionIds = group.map((r) => r.version_id).sort();
    await mail.send(
      {
        from: config.MAIL_FROM,
        to: [first.owner_email],
        ...message,
        tags: [{ name: 'kind', value: 'review_due' }],
      },
      { idempotencyKey: `review-due/${await sha256Hex(versionIds.join(','))}` },
    );
    await db.execute(sql`
      insert into notifications_sent (trust_id, kind, subject_id, recipient)
      select ${trustId}::uuid, ${KIND}, unnest(${sql.param(versionIds)}::uuid[]), ${first.owner_email}
      on conflict (kind, subject_id, recipient) do nothing`);
    sent++;
  }
  return { emails: sent, versions: rows.length };
}
