import { beforeAll, describe, expect, it } from 'vitest';
import { stepDay } from '../services/campaigns/send-scheduled-campaign-reminders.ts';
import { deliverQueued, demoIds, launchCampaign, publishPolicy } from '../testing/harness.ts';
import { useHarness } from '../testing/use-harness.ts';
import { DAILY, runScheduled } from './index.ts';

const h = useHarness();
let campaignId: string;
let outstanding: number;
const DAY = 86_400_000;

const deliver = (bodies: unknown[]) => deliverQueued(h, bodies);

beforeAll(async () => {
  const policyId = await publishPolicy(h, {
    clause: {
      category: 'monitoring',
      title: 'Monitoring',
      text: 'I understand my use of school systems may be monitored.',
    },
  });
  const moorthorpe = demoIds.school('pennine', 'moorthorpe');
  ({ campaignId, recipients: outstanding } = await launchCampaign(h, {
    policyId,
    schoolIds: [moorthorpe],
    dueInDays: 14,
  }));
  await deliver(h.queue.drain());
});

const run = (at: Date) => runScheduled(DAILY, { ...h.env, WORK_QUEUE: h.queue }, at);

describe('scheduled campaign reminders: happy', () => {
  it('works out each step’s day', () => {
    expect(stepDay('+3', '2026-09-01', '2026-09-30')).toBe('2026-09-04');
    expect(stepDay('due-1', '2026-09-01', '2026-09-30')).toBe('2026-09-29');
    expect(stepDay('due', '2026-09-01', '2026-09-30')).toBe('2026-09-30');
    expect(stepDay('soon', '2026-09-01', '2026-09-30')).toBeNull();
  });

  it('reminds everyone outstanding on day 3, once, and again on day 7', async () => {
    await run(new Date(Date.now() + 1 * DAY));
    expect(h.queue.drain()).toEqual([]);

    h.stack.mail.clear();
    await run(new Date(Date.now() + 3 * DAY));
    const day3 = h.queue.drain();
    expect(day3).toHaveLength(1);
    await deliver(day3);
    expect(h.stack.mail.messages()).toHaveLength(outstanding);
    expect(h.stack.mail.messages().every((m) => m.subject.startsWith('Reminder: please read and sign'))).toBe(
      true,
    );

    await run(new Date(Date.now() + 3 * DAY + 3_600_000));
    expect(h.queue.drain()).toEqual([]);

    await run(new Date(Date.now() + 7 * DAY));
    expect(h.queue.drain()).toHaveLength(1);
    const [row] = await h.sql<{ steps: string[] }>(
      "select array_agg(recipient order by recipient) as steps from notifications_sent where kind = 'campaign.reminder_step' and subject_id = $1",
      [campaignId],
    );
    expect(row?.steps).toEqual(['+3', '+7']);
  });
});
