import type { SystemContext } from '../lib/context.ts';
import { sendCampaignBatch } from '../services/campaigns/send-campaign-batch.ts';
import { sendCampaignReminders } from '../services/campaigns/send-campaign-reminders.ts';
import type { CampaignRemindMessage, CampaignSendMessage } from './messages.ts';

/** One batch of up to 100 signing requests in one Resend call. */
export const campaignSend = {
  job: 'campaign-send',
  handle: (ctx: SystemContext, message: CampaignSendMessage) => sendCampaignBatch(ctx, message),
};

/** A chase or scheduled reminder to up to 100 people. */
export const campaignRemind = {
  job: 'campaign-remind',
  handle: (ctx: SystemContext, message: CampaignRemindMessage) => sendCampaignReminders(ctx, message),
};
