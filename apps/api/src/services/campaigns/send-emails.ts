import { sha256Hex } from '@attest/core';
import type { HttpDb } from '@attest/db';
import { signingRequestEmail } from '@attest/email';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SystemContext } from '../../lib/context.ts';
import type { AppConfig } from '../../lib/env.ts';
import { fromSchool } from '../../lib/mail-from.ts';
import { intColumn, rowsOf } from '../../lib/rows.ts';
import type { CampaignRemindMessage, CampaignSendMessage } from '../../queues/messages.ts';
import { linkUrl } from '../links/tokens.ts';

const Row = z.object({
  id: z.string(),
  link_id: z.string(),
  generation: intColumn,
  email: z.string(),
  person_name: z.string(),
  school_name: z.string(),
  policy_title: z.string(),
  version_label: z.string(),
  due_at: z.string(),
  message: z.string(),
});
type Row = z.infer<typeof Row>;

/**
 * The people a message names, with what their email needs. `which` picks them: the batch's still
 * queued (a send), or the listed ones still outstanding (a reminder).
 */
async function loadRecipients(db: HttpDb, trustId: string, campaignId: string, which: SQL): Promise<Row[]> {
  const result = await db.execute(sql`
    select r.id, l.id as link_id, l.generation, r.email, p.name as person_name, s.name as school_name,
           v.content->>'title' as policy_title, v.label as version_label, c.due_at, c.message
      from recipients r
      join person_links l on l.purpose = 'sign' and l.subject_id = r.id
      join campaigns c on c.id = r.campaign_id
      join people p on p.id = r.person_id
      join schools s on s.id = r.school_id
      join policy_versions v on v.id = r.policy_version_id
     where r.trust_id = ${trustId}::uuid and r.campaign_id = ${campaignId}::uuid and ${which}
     order by r.id`);
  return rowsOf('campaign recipients to mail', Row, result);
}

/** What a signing request needs to know about its recipient. */
export type SigningEmailRow = Omit<Row, 'link_id' | 'generation'>;

/**
 * One signing request, from the school. The campaign page's preview builds it with a placeholder
 * link, the sends with each person's own.
 */
export function signingEmail(
  config: AppConfig,
  campaignId: string,
  r: SigningEmailRow,
  link: string,
  reminder: boolean,
) {
  return {
    from: fromSchool(config, r.school_name),
    to: [r.email],
    ...signingRequestEmail({
      personName: r.person_name,
      schoolName: r.school_name,
      policyTitle: r.policy_title,
      versionLabel: r.version_label,
      dueAt: r.due_at,
      message: r.message,
      link,
      reminder,
    }),
    tags: [
      { name: 'campaign', value: campaignId },
      { name: 'recipient', value: r.id },
    ],
  };
}

/** One signing request per person, each with their own (recomputed, so identical) link. */
function signingEmails(config: AppConfig, campaignId: string, rows: Row[], reminder: boolean) {
  return Promise.all(
    rows.map(async (r) =>
      signingEmail(
        config,
        campaignId,
        r,
        await linkUrl(config, { id: r.link_id, purpose: 'sign', generation: r.generation }),
        reminder,
      ),
    ),
  );
}

/** Derived from exactly the recipients mailed, so a redelivery replays rather than resends. */
const idsKey = async (ids: string[]) => (await sha256Hex(ids.join(','))).slice(0, 16);

/**
 * Sends one batch (up to 100) of a campaign in one Resend call. Safe to run twice: the recipients
 * still queued are the ones mailed; the idempotency key is derived from exactly those recipients,
 * so a redelivery after a crash between sending and recording replays Resend's first answer
 * instead of mailing anyone again; the status update only moves queued → sent.
 */
export async function sendCampaignBatch(ctx: SystemContext, message: CampaignSendMessage) {
  const { db, mail: sender, config } = ctx;
  const rows = await loadRecipients(
    db,
    message.trustId,
    message.campaignId,
    sql`r.batch_no = ${message.batchNo} and r.status = 'queued'`,
  );
  if (rows.length === 0) return { sent: 0 };
  const ids = rows.map((r) => r.id);
  const { refused } = await sender.sendBatch(await signingEmails(config, message.campaignId, rows, false), {
    idempotencyKey: `campaign/${message.campaignId}/batch/${message.batchNo}/${await idsKey(ids)}`,
  });
  const unusable = refusedIds(ids, refused);
  const sent = ids.filter((id) => !unusable.includes(id));
  await db.batch([
    db.execute(sql`
      update recipients set status = 'sent', sends = sends + 1, last_sent_at = now(), updated_at = now()
       where id = any(${sql.param(sent)}::uuid[]) and status = 'queued'`),
    markUnusable(db, unusable),
    db.execute(sql`
      update campaigns set status = 'sent', updated_at = now()
       where id = ${message.campaignId}::uuid and status = 'sending'
         and not exists (select 1 from recipients where campaign_id = ${message.campaignId}::uuid and status = 'queued')`),
  ]);
  return { sent: sent.length, refused: unusable.length };
}

/** The recipients whose message Resend would not take (by index in the batch sent). */
const refusedIds = (ids: string[], refused: { index: number }[]) =>
  refused.map((r) => ids[r.index]).filter((id): id is string => Boolean(id));

/**
 * A message Resend refuses outright (in practice, an address it cannot send to) will never be
 * delivered, so it counts as a bounce: the drill-down says "Email bounced: check the address" and
 * the person is flagged, as for a real bounce. Fixing the address puts them back in the queue.
 */
function markUnusable(db: HttpDb, ids: string[]) {
  return db.execute(sql`
    with bounced as (
      update recipients set status = 'bounced', updated_at = now()
       where id = any(${sql.param(ids)}::uuid[]) and status in ('queued', 'sent', 'delivered')
      returning person_id)
    update people set bounced_at = coalesce(bounced_at, now()), updated_at = now()
     where id in (select person_id from bounced)`);
}

/** A chase or scheduled reminder: the same link again, marked as a reminder; keyed by day and recipients. */
export async function sendCampaignReminders(ctx: SystemContext, message: CampaignRemindMessage) {
  const { db, mail: sender, config } = ctx;
  if (message.recipientIds.length === 0) return { sent: 0 };
  const rows = await loadRecipients(
    db,
    message.trustId,
    message.campaignId,
    sql`r.id = any(${sql.param(message.recipientIds)}::uuid[]) and r.status in ('sent', 'delivered')`,
  );
  if (rows.length === 0) return { sent: 0 };
  const ids = rows.map((r) => r.id);
  const { refused } = await sender.sendBatch(await signingEmails(config, message.campaignId, rows, true), {
    idempotencyKey: `remind/${message.campaignId}/${message.day}/${await idsKey(ids)}`,
  });
  const unusable = refusedIds(ids, refused);
  const sent = ids.filter((id) => !unusable.includes(id));
  await db.batch([
    db.execute(sql`
      update recipients set sends = sends + 1, last_sent_at = now(), updated_at = now()
       where id = any(${sql.param(sent)}::uuid[]) and (last_sent_at is null or last_sent_at < ${message.day}::date)`),
    markUnusable(db, unusable),
  ]);
  return { sent: sent.length, refused: unusable.length };
}
