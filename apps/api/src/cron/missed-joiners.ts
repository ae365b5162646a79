import { addMissedJoiners } from '../services/campaigns/add-missed-joiners.ts';
import { DAILY, HOURLY, type ScheduledJob } from './job.ts';

/** Hourly and daily: add anyone an open campaign should have but has no recipient row for. */
export const missedJoinersJob: ScheduledJob = {
  name: 'missed-joiners',
  crons: [DAILY, HOURLY],
  runForTrust: addMissedJoiners,
};
