import { configureLocalDoors, createHttpDb } from '@attest/db';
import { createResendSender } from '@attest/email';
import { parseEnv } from '../lib/env.ts';
import type { QueueLike } from '../services/campaigns/launch.ts';
import type { CampaignRemindMessage } from '../services/campaigns/remind.ts';
import { sendScheduledCampaignReminders } from './campaign-reminders.ts';
import { sendReviewReminders } from './review-reminders.ts';

// The Worker's `scheduled` entry: one file per job, dispatched on the cron expression
// (wrangler.toml [triggers]). Jobs call the same services the routes use.

export const DAILY = '0 7 * * *';

export async function runScheduled(cron: string, bindings: Record<string, unknown>, now = new Date()) {
  const parsed = parseEnv(bindings);
  if (!parsed.ok) throw new Error(`bad environment: ${parsed.issues.join('; ')}`);
  const config = parsed.config;
  configureLocalDoors({ fetchEndpoint: config.NEON_FETCH_ENDPOINT, wsProxy: config.NEON_WS_PROXY });
  const db = createHttpDb(config.DATABASE_URL);
  const sender = createResendSender({
    apiKey: config.RESEND_API_KEY ?? 're_missing',
    baseUrl: config.RESEND_BASE_URL,
  });
  switch (cron) {
    case DAILY: {
      const result = await sendReviewReminders({ db, sender, config, now });
      console.log(JSON.stringify({ level: 'info', job: 'review-reminders', ...result }));
      const queue = bindings.CAMPAIGN_QUEUE as QueueLike<CampaignRemindMessage> | undefined;
      if (queue) {
        const campaigns = await sendScheduledCampaignReminders({ db, queue, now });
        console.log(JSON.stringify({ level: 'info', job: 'campaign-reminders', ...campaigns }));
      }
      return result;
    }
    default:
      console.warn(JSON.stringify({ level: 'warn', msg: 'no job for this cron', cron }));
      return null;
  }
}
