import { systemContext } from '../lib/context.ts';
import { createDeps } from '../lib/deps.ts';
import type { Env } from '../lib/env.ts';
import { listTrustIds } from '../services/trusts/list-trust-ids.ts';
import { campaignRemindersJob } from './campaign-reminders.ts';
import { closeExpiredCampaignsJob } from './close-expired-campaigns.ts';
import type { JobResult, ScheduledJob } from './job.ts';
import { missedJoinersJob } from './missed-joiners.ts';
import { reviewRemindersJob } from './review-reminders.ts';
import { strandedSendsJob } from './stranded-sends.ts';

export { DAILY, HOURLY } from './job.ts';

// The Worker's `scheduled` entry: one file per job, run in this order on the crons each names
// (wrangler.toml [triggers]). Each job runs once per trust as that trust's system actor. A job
// that throws for a trust is logged with its name and the trust, and everything else still runs:
// one broken job must not stop the day's reminders.

export const scheduledJobs: readonly ScheduledJob[] = [
  closeExpiredCampaignsJob,
  reviewRemindersJob,
  strandedSendsJob,
  missedJoinersJob,
  campaignRemindersJob,
];

export interface JobOutcome {
  /** Each figure summed over the trusts the job ran for. */
  result: JobResult;
  /** Trusts the job failed for (logged with the error). */
  failed: string[];
}

export async function runScheduled(
  cron: string,
  env: Env,
  now = new Date(),
  jobs: readonly ScheduledJob[] = scheduledJobs,
): Promise<Record<string, JobOutcome>> {
  const deps = createDeps(env, { now: () => now });
  const due = jobs.filter((job) => job.crons.includes(cron));
  if (due.length === 0) {
    console.warn(JSON.stringify({ level: 'warn', msg: 'no job for this cron', cron }));
    return {};
  }
  const trustIds = await listTrustIds(deps);
  const outcomes: Record<string, JobOutcome> = {};
  for (const job of due) {
    const outcome: JobOutcome = { result: {}, failed: [] };
    for (const trustId of trustIds) {
      try {
        const result = await job.runForTrust(systemContext(deps, job.name, trustId));
        for (const [key, value] of Object.entries(result))
          outcome.result[key] = (outcome.result[key] ?? 0) + value;
      } catch (error) {
        outcome.failed.push(trustId);
        console.error(
          JSON.stringify({
            level: 'error',
            msg: 'scheduled job failed',
            job: job.name,
            trustId,
            cron,
            error: String(error),
            cause: (error as Error)?.cause ? String((error as Error).cause) : undefined,
          }),
        );
      }
    }
    console.log(
      JSON.stringify({
        level: 'info',
        job: job.name,
        cron,
        ...outcome.result,
        failed: outcome.failed.length,
      }),
    );
    outcomes[job.name] = outcome;
  }
  return outcomes;
}
