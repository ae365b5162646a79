import { sql } from 'drizzle-orm';
import type { SystemContext } from '../../lib/context.ts';
import type { CampaignRemindMessage } from '../../queues/messages.ts';
import { idsKey, loadRecipients, markUnusable, refusedIds, signingEmails } from './signing-emails.ts';

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
  const key = `${message.day}/${await idsKey(ids)}`;
  const { refused } = await sender.sendBatch(await signingEmails(config, message.campaignId, rows, true), {
    idempotencyKey: `remind/${message.campaignId}/${key}`,
  });
  const unusable = refusedIds(ids, refused);
  const sent = ids.filter((id) => !unusable.includes(id));
  await db.batch([
    // Each reminder counts once in "Last emailed", even one sent the day of the first email: a
    // redelivered message carries the same key as the send Resend deduplicated, so it is claimed
    // already and counts nothing.
    db.execute(sql`
      with counted as (
        insert into notifications_sent (trust_id, kind, subject_id, recipient)
        select ${message.trustId}::uuid, 'campaign.reminder_sent', id, ${key}
          from unnest(${sql.param(sent)}::uuid[]) id
        on conflict (kind, subject_id, recipient) do nothing
        returning subject_id)
      update recipients set sends = sends + 1, last_sent_at = now(), updated_at = now()
       where id in (select subject_id from counted)`),
    markUnusable(db, unusable),
  ]);
  return { sent: sent.length, refused: unusable.length };
}
