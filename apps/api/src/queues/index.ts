import { MailSendError } from '@attest/email';
import { systemContext } from '../lib/context.ts';
import { createDeps, type Deps } from '../lib/deps.ts';
import type { Env } from '../lib/env.ts';
import { DomainError } from '../lib/errors.ts';
import { campaignRemind, campaignSend } from './campaign-send.ts';
import { type QueueMessage, QueueMessageSchema } from './messages.ts';

// The Worker's `queue` entry. Each message is parsed (messages.ts), then handed to the one job for
// its kind as that trust's system actor; each is acked once done, or retried with a growing delay.
// A message nobody can handle (an unknown kind, a broken shape) is retried like a failure, so
// after wrangler.toml's max_retries it lands in the dead-letter queue, where it is logged for
// someone to read: never acked silently. A failure Resend says is permanent (a refused message)
// is acked and logged, not retried forever.

export const WORK_QUEUE = 'attest-work';
export const DEAD_LETTER_QUEUE = 'attest-work-dlq';

export interface QueueMessageLike<T = unknown> {
  id?: string;
  body: T;
  attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

/** 10 s, 20 s, 40 s… capped at 10 minutes: Resend's rate limits and outages pass within that. */
export const retryDelaySeconds = (attempts: number) => Math.min(600, 2 ** Math.min(attempts, 9) * 5);

function dispatch(message: QueueMessage, deps: Deps) {
  switch (message.kind) {
    case 'campaign.send':
      return campaignSend.handle(systemContext(deps, campaignSend.job, message.trustId), message);
    case 'campaign.remind':
      return campaignRemind.handle(systemContext(deps, campaignRemind.job, message.trustId), message);
  }
}

const log = (level: 'error' | 'warn', msg: string, fields: object) =>
  console[level](JSON.stringify({ level, msg, ...fields }));

export async function handleQueueBatch(queue: string, messages: readonly QueueMessageLike[], env: Env) {
  if (queue === DEAD_LETTER_QUEUE) {
    // Nothing here retries: the message has had its tries. It is logged whole (ids, no tokens or
    // addresses) for an operator, who can fix the cause and send it again.
    for (const m of messages) {
      log('error', 'dead letter: a queue message could not be handled', {
        id: m.id,
        body: m.body,
        attempts: m.attempts,
      });
      m.ack();
    }
    return;
  }
  // Made once for the batch, on the first message that needs it; a bad environment throws there
  // and each message is retried like any other failure.
  let deps: Deps | undefined;
  for (const message of messages) {
    const parsed = QueueMessageSchema.safeParse(message.body);
    if (!parsed.success) {
      log('error', 'queue message of an unknown kind or shape: retried, then dead-lettered', {
        id: message.id,
        kind: (message.body as { kind?: unknown } | null)?.kind,
        attempts: message.attempts,
        issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
      continue;
    }
    try {
      deps ??= createDeps(env);
      await dispatch(parsed.data, deps);
      message.ack();
    } catch (error) {
      if (error instanceof MailSendError && !error.retryable) {
        log('error', 'queue message refused by Resend', { body: parsed.data, error: error.message });
        message.ack();
        continue;
      }
      const delaySeconds = retryDelaySeconds(message.attempts);
      log(
        error instanceof DomainError && error.code === 'BAD_ENVIRONMENT' ? 'error' : 'warn',
        'queue message will be retried',
        {
          body: parsed.data,
          attempts: message.attempts,
          delaySeconds,
          error: String(error),
        },
      );
      message.retry({ delaySeconds });
    }
  }
}
