import { sql } from 'drizzle-orm';
import type { SystemContext } from '../../lib/context.ts';
import type { CampaignSendMessage } from '../../queues/messages.ts';
import { idsKey, loadRecipients, markUnusable, refusedIds, signingEmails } from './signing-emails.ts';

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
