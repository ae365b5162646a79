import type { QueueMessage } from '../queues/messages.ts';
import type { Deps } from './deps.ts';

/** Cloudflare Queues take at most 100 messages per sendBatch. */
const QUEUE_BATCH_LIMIT = 100;

/** Sends every message, at most 100 to a call; a failure is thrown to the caller. */
export async function sendAll(ctx: Pick<Deps, 'queue'>, messages: QueueMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += QUEUE_BATCH_LIMIT)
    await ctx.queue.sendBatch(messages.slice(i, i + QUEUE_BATCH_LIMIT).map((body) => ({ body })));
}

/**
 * Enqueues work after the transaction that wrote it has committed. A failed enqueue is logged, not
 * thrown: the rows are written and stay 'queued', and the hourly sweep (services/campaigns/
 * resend-stranded-batches.ts) enqueues them again, so the request that caused them still succeeds.
 * Answers whether everything was enqueued.
 */
export async function enqueue(ctx: Pick<Deps, 'queue'>, messages: QueueMessage[]): Promise<boolean> {
  if (messages.length === 0) return true;
  try {
    await sendAll(ctx, messages);
    return true;
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'work not enqueued: the sweep will retry it',
        kinds: [...new Set(messages.map((m) => m.kind))],
        messages: messages.length,
        error: String(error),
      }),
    );
    return false;
  }
}
