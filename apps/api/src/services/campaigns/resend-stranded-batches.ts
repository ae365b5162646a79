import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SystemContext } from '../../lib/context.ts';
import { enqueue } from '../../lib/queue.ts';
import { intColumn, rowsOf } from '../../lib/rows.ts';
import type { CampaignSendMessage } from '../../queues/messages.ts';
import { openCampaignSql } from './membership.ts';

// Hourly (and in the daily run): the sweep for emails that never reached the queue. Launching,
// and adding a joiner, write their recipients in one transaction and enqueue after it commits; if
// that enqueue failed (a queue outage, the Worker killed in between), the recipients sit 'queued'
// with no message that would ever send them. Any batch of an open campaign with a recipient queued
// for more than 15 minutes is enqueued again. docs/adr/0010.
//
// A duplicate message is harmless: the consumer (send-campaign-batch.ts) sends only the batch's
// recipients still 'queued', with an idempotency key derived from exactly those recipients, and
// moves them queued → sent once; so a batch whose first message was only slow (retrying with a
// delay) is mailed once, not twice.

export const STRANDED_AFTER_MINUTES = 15;

const StrandedBatchRow = z.object({ campaign_id: z.string(), batch_no: intColumn });

export async function resendStrandedBatches(ctx: SystemContext) {
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - STRANDED_AFTER_MINUTES * 60_000);
  // 'sent' campaigns too: their joiners are queued into new batches after the campaign went out.
  const result = await ctx.db.execute(sql`
    select r.campaign_id, r.batch_no
      from campaigns c join recipients r on r.campaign_id = c.id
     where c.trust_id = ${ctx.actor.trustId}::uuid and ${openCampaignSql('c', now)}
       and r.status = 'queued' and r.updated_at < ${cutoff.toISOString()}::timestamptz
     group by r.campaign_id, r.batch_no
     order by r.campaign_id, r.batch_no`);
  const messages: CampaignSendMessage[] = rowsOf('stranded batches', StrandedBatchRow, result).map((r) => ({
    kind: 'campaign.send',
    trustId: ctx.actor.trustId,
    campaignId: r.campaign_id,
    batchNo: r.batch_no,
  }));
  // Thrown, not only logged: the sweep itself is what retries a failed enqueue, next hour.
  if (!(await enqueue(ctx, messages))) throw new Error('the work queue refused the stranded sends');
  return { campaigns: new Set(messages.map((m) => m.campaignId)).size, batches: messages.length };
}
