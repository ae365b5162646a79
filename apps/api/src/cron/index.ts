import { configureLocalDoors, createHttpDb } from '@attest/db';
import { createResendSender } from '@attest/email';
import { parseEnv } from '../lib/env.ts';
import type { CampaignSendMessage, QueueLike } from '../services/campaigns/launch.ts';
import type { CampaignRemindMessage } from '../services/campaigns/remind.ts';
import { sendScheduledCampaignReminders } from './campaign-reminders.ts';
import { closeExpiredCampaigns } from './close-expired-campaigns.ts';
import { addMissedJoiners } from './missed-joiners.ts';
import { sendReviewReminders } from './review-reminders.ts';
import { resendStrandedBatches } from './stranded-sends.ts';

// The Worker's `scheduled` entry: one file per job, dispatched on the cron expression
// (wrangler.toml [triggers]). Jobs call the same services the routes use.

export const DAILY = '0 7 * * *';
/** Half past every hour (never on the daily run's minute): the sweep for stranded campaign sends. */
export const HOURLY = '30 * * * *';

const log = (job: string, result: object) => console.log(JSON.stringify({ level: 'info', job, ...result }));

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
  const queue = bindings.CAMPAIGN_QUEUE as QueueLike<CampaignSendMessage | CampaignRemindMessage> | undefined;
  switch (cron) {
    case DAILY: {
      // Closing first: a campaign whose links have just expired is sent no reminder today.
      log('close-expired-campaigns', await closeExpiredCampaigns({ db, now }));
      const result = await sendReviewReminders({ db, sender, config, now });
      log('review-reminders', result);
      if (queue) {
        log('stranded-sends', await resendStrandedBatches({ db, queue, now }));
        log('missed-joiners', await addMissedJoiners({ db, config, queue, now }));
        log('campaign-reminders', await sendScheduledCampaignReminders({ db, queue, now }));
      }
      return result;
    }
    case HOURLY: {
      if (!queue) throw new Error('CAMPAIGN_QUEUE is not bound');
      const result = await resendStrandedBatches({ db, queue, now });
      log('stranded-sends', result);
      log('missed-joiners', await addMissedJoiners({ db, config, queue, now }));
      return result;
    }
    default:
      console.warn(JSON.stringify({ level: 'warn', msg: 'no job for this cron', cron }));
      return null;
  }
}
