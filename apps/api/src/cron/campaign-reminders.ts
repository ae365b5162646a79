import { sendScheduledCampaignReminders } from '../services/campaigns/send-scheduled-campaign-reminders.ts';
import { DAILY, type ScheduledJob } from './job.ts';

/** Daily: each open campaign's reminder steps ("+3", "+7", "due-1", "due") as they come due. */
export const campaignRemindersJob: ScheduledJob = {
  name: 'campaign-reminders',
  crons: [DAILY],
  runForTrust: sendScheduledCampaignReminders,
};
