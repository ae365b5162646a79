import { configureLocalDoors, createHttpDb } from '@attest/db';
import { createResendSender, MailSendError } from '@attest/email';
import { parseEnv } from '../lib/env.ts';
import type { CampaignSendMessage } from '../services/campaigns/launch.ts';
import type { CampaignRemindMessage } from '../services/campaigns/remind.ts';
import { sendCampaignBatch, sendCampaignReminders } from './campaign-send.ts';

// The Worker's `queue` entry. One message is one batch of up to 100 emails; each is acked
// explicitly once sent, or retried with an exponential delay. A failure Resend says is permanent
// (a refused message) is acked and logged, not retried forever.

export interface QueueMessageLike<T> {
  body: T;
  attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export async function handleQueueBatch(
  messages: readonly QueueMessageLike<CampaignSendMessage | CampaignRemindMessage>[],
  bindings: Record<string, unknown>,
) {
  const parsed = parseEnv(bindings);
  if (!parsed.ok) {
    for (const m of messages) m.retry({ delaySeconds: 60 });
    console.error(
      JSON.stringify({ level: 'error', msg: 'bad environment in queue consumer', issues: parsed.issues }),
    );
    return;
  }
  const config = parsed.config;
  configureLocalDoors({ fetchEndpoint: config.NEON_FETCH_ENDPOINT, wsProxy: config.NEON_WS_PROXY });
  const deps = {
    db: createHttpDb(config.DATABASE_URL),
    sender: createResendSender({
      apiKey: config.RESEND_API_KEY ?? 're_missing',
      baseUrl: config.RESEND_BASE_URL,
    }),
    config,
  };
  for (const message of messages) {
    try {
      if (message.body.kind === 'campaign.send') await sendCampaignBatch(deps, message.body);
      else if (message.body.kind === 'campaign.remind') await sendCampaignReminders(deps, message.body);
      message.ack();
    } catch (error) {
      if (error instanceof MailSendError && !error.retryable) {
        console.error(
          JSON.stringify({
            level: 'error',
            msg: 'campaign batch refused by Resend',
            body: message.body,
            error: error.message,
          }),
        );
        message.ack();
        continue;
      }
      const delaySeconds = Math.min(600, 2 ** Math.min(message.attempts, 9) * 5);
      console.warn(
        JSON.stringify({
          level: 'warn',
          msg: 'campaign batch will be retried',
          body: message.body,
          delaySeconds,
          error: String(error),
        }),
      );
      message.retry({ delaySeconds });
    }
  }
}
