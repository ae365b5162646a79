import type { HttpDb } from '@attest/db';
import { sql } from 'drizzle-orm';
import type { CampaignSendMessage, QueueLike } from '../services/campaigns/launch.ts';
import { openCampaignSql } from '../services/campaigns/membership.ts';

// Hourly (and in the daily run): the sweep for emails that never reached the queue. Launching,
// and adding a joiner, write their recipients in one transaction and enqueue after it commits; if
// that enqueue failed (a queue outage, the Worker killed in between), the recipients sit 'queued'
// with no message that would ever send them. Any batch of an open campaign with a recipient queued
// for more than 15 minutes is enqueued again. docs/adr/0010.
//
// A duplicate message is harmless: the consumer (queues/campaign-send.ts) sends only the batch's
// recipients still 'queued', with an idempotency key derived from exactly those recipients, and
// moves them queued → sent once; so a batch whose first message was only slow (retrying with a
// delay) is mailed once, not twice.

export const STRANDED_AFTER_MINUTES = 15;

export async function resendStrandedBatches(deps: {
  db: HttpDb;
  queue: QueueLike<CampaignSendMessage>;
  now: Date;
}) {
  const cutoff = new Date(deps.now.getTime() - STRANDED_AFTER_MINUTES * 60_000);
  // 'sent' campaigns too: their joiners are queued into new batches after the campaign went out.
  const result = await deps.db.execute<{
    trust_id: string;
    campaign_id: string;
    batch_no: number | string;
  }>(sql`
    select c.trust_id, r.campaign_id, r.batch_no
      from campaigns c join recipients r on r.campaign_id = c.id
     where ${openCampaignSql('c', deps.now)}
       and r.status = 'queued' and r.updated_at < ${cutoff.toISOString()}::timestamptz
     group by c.trust_id, r.campaign_id, r.batch_no
     order by r.campaign_id, r.batch_no`);
  const messages = result.rows.map((r) => ({
    body: {
      kind: 'campaign.send' as const,
      trustId: r.trust_id,
      campaignId: r.campaign_id,
      batchNo: Number(r.batch_no),
    },
  }));
  // Cloudflare Queues take at most 100 messages per sendBatch.
  for (let i = 0; i < messages.length; i += 100) await deps.queue.sendBatch(messages.slice(i, i + 100));
  return {
    campaigns: new Set(messages.map((m) => m.body.campaignId)).size,
    batches: messages.length,
  };
}
