import { resendStrandedBatches } from '../services/campaigns/resend-stranded-batches.ts';
import { DAILY, HOURLY, type ScheduledJob } from './job.ts';

/** Hourly and daily: re-enqueue campaign batches whose first enqueue was lost. */
export const strandedSendsJob: ScheduledJob = {
  name: 'stranded-sends',
  crons: [DAILY, HOURLY],
  runForTrust: resendStrandedBatches,
};
