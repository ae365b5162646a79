import type { SystemContext } from '../lib/context.ts';

// The shape of every scheduled job: a name (the system actor's, in logs and the audit log), the
// crons it runs on, and what it does for one trust. A job file parses nothing and holds no SQL:
// it names the service it calls.

export const DAILY = '0 7 * * *';
/** Half past every hour (never on the daily run's minute). */
export const HOURLY = '30 * * * *';

export type JobResult = Record<string, number>;

export interface ScheduledJob {
  name: string;
  crons: readonly string[];
  runForTrust: (ctx: SystemContext) => Promise<JobResult>;
}
