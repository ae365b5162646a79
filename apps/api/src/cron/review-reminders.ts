import { sendReviewReminders } from '../services/policies/send-review-reminders.ts';
import { DAILY, type ScheduledJob } from './job.ts';

/** Daily: each policy's owner hears when its versions are due for review within 30 days. */
export const reviewRemindersJob: ScheduledJob = {
  name: 'review-reminders',
  crons: [DAILY],
  runForTrust: sendReviewReminders,
};
