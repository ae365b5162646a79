import { closeExpiredCampaigns } from '../services/campaigns/close-expired-campaigns.ts';
import { DAILY, type ScheduledJob } from './job.ts';

/** Daily, first: a campaign whose links have just expired is sent no reminder today. */
export const closeExpiredCampaignsJob: ScheduledJob = {
  name: 'close-expired-campaigns',
  crons: [DAILY],
  runForTrust: closeExpiredCampaigns,
};
