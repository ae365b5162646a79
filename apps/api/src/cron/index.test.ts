import { describe, expect, it, vi } from 'vitest';
import { launchCampaign, publishStaffPolicy } from '../testing/harness.ts';
import { useHarness } from '../testing/use-harness.ts';
import { DAILY, HOURLY, runScheduled, scheduledJobs } from './index.ts';

// The cron runner: every job runs once per trust as that trust's system actor, and one job that
// fails does not stop the others. The failure here is real: the table one job needs is renamed
// away for the length of the run, as a half-applied migration would leave it.

const h = useHarness();
const DAY = 86_400_000;

describe('scheduled jobs: happy', () => {
  it('runs each daily job once per trust, and the hourly ones on the hour', async () => {
    const daily = await runScheduled(DAILY, { ...h.env, WORK_QUEUE: h.queue }, new Date());
    expect(Object.keys(daily)).toEqual(
      scheduledJobs.filter((j) => j.crons.includes(DAILY)).map((j) => j.name),
    );
    for (const outcome of Object.values(daily)) expect(outcome.failed).toEqual([]);
    const hourly = await runScheduled(HOURLY, { ...h.env, WORK_QUEUE: h.queue }, new Date());
    expect(Object.keys(hourly)).toEqual(['stranded-sends', 'missed-joiners']);
  });
});

describe('scheduled jobs: error', () => {
  it('logs a daily job that throws with its name, and still runs every other job', async () => {
    // Something for the jobs after the broken one to do: a campaign sent 3 days ago has a reminder due.
    const policyId = await publishStaffPolicy(h);
    const moorthorpe = h.ids.school('pennine', 'moorthorpe');
    const { campaignId } = await launchCampaign(h, { policyId, schoolIds: [moorthorpe], dueInDays: 14 });
    await h.sql("update recipients set status = 'sent' where campaign_id = $1", [campaignId]);
    h.queue.drain();

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await h.sql('alter table policy_versions rename to policy_versions_away');
    let outcomes: Awaited<ReturnType<typeof runScheduled>>;
    let logged: { msg?: string; job?: string }[];
    try {
      outcomes = await runScheduled(DAILY, { ...h.env, WORK_QUEUE: h.queue }, new Date(Date.now() + 3 * DAY));
    } finally {
      await h.sql('alter table policy_versions_away rename to policy_versions');
      logged = errors.mock.calls.map(([line]) => JSON.parse(String(line)));
      errors.mockRestore();
    }
    // The review reminders read policy versions: they failed, for every trust, and said so by name.
    expect(outcomes['review-reminders']?.failed).toHaveLength(2);
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: 'scheduled job failed', job: 'review-reminders' }),
    );
    // Every job after it ran: the day-3 reminder went to the queue.
    for (const job of ['close-expired-campaigns', 'stranded-sends', 'missed-joiners', 'campaign-reminders'])
      expect({ job, failed: outcomes[job]?.failed }).toEqual({ job, failed: [] });
    expect(outcomes['campaign-reminders']?.result).toMatchObject({ campaigns: 1 });
    expect(h.queue.drain()).toContainEqual(expect.objectContaining({ kind: 'campaign.remind', campaignId }));
  });

  it('answers a cron it has no job for with nothing run', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await runScheduled('*/5 * * * *', h.env)).toEqual({});
    warn.mockRestore();
  });
});
