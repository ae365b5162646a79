import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, publishPolicy } from '../testing/harness.ts';
import { useHarness } from '../testing/use-harness.ts';
import { DAILY, runScheduled } from './index.ts';

const h = useHarness();
let policyId: string;
const DAY = 86_400_000;

beforeAll(async () => {
  policyId = await publishPolicy(h, {
    title: 'Monitoring Notice',
    reviewCycleMonths: 2,
    clause: {
      category: 'monitoring',
      title: 'Monitoring',
      text: 'I understand that my use of school systems may be monitored.',
    },
  });
});
/** The daily run, answering what the review reminders did across every trust. */
async function reviewReminders(at: Date) {
  const outcome = (await runScheduled(DAILY, h.env, at))['review-reminders'];
  expect(outcome?.failed).toEqual([]);
  return outcome?.result;
}

describe('review reminders: happy', () => {
  it('emails the owner once, listing every school, when the review date is within 30 days', async () => {
    h.stack.mail.clear();
    const early = await reviewReminders(new Date());
    expect(early).toEqual({ emails: 0, versions: 0 });

    const in40Days = new Date(Date.now() + 40 * DAY);
    const due = await reviewReminders(in40Days);
    expect(due).toEqual({ emails: 1, versions: 5 });
    const [mail] = h.stack.mail.messages();
    expect(mail?.to).toEqual([ADMIN]);
    expect(mail?.subject).toMatch(/^Review due: Monitoring Notice \(\d{1,2} [A-Z][a-z]+ \d{4}\)$/);
    expect(mail?.text).toContain('Moorthorpe Primary School with Inclusion Resource: review by');
    expect(mail?.html).toContain(`/policies/${policyId}`);
    expect(mail?.idempotency_key).toMatch(/^review-due\/[0-9a-f]{64}$/);

    // The next day's run, and a retried run, send nothing more.
    expect(await reviewReminders(new Date(in40Days.getTime() + DAY))).toEqual({
      emails: 0,
      versions: 0,
    });
    expect(h.stack.mail.messages()).toHaveLength(1);
  });

  it('reminds again for a new version once that one is due', async () => {
    h.stack.mail.clear();
    const moorthorpe = h.ids.school('pennine', 'moorthorpe');
    await h.request('PATCH', `/v1/policies/${policyId}`, {
      as: ADMIN,
      json: { title: 'Monitoring Notice 2027' },
    });
    const republished = await h.request('POST', `/v1/policies/${policyId}/publish`, {
      as: ADMIN,
      json: { schoolIds: [moorthorpe] },
    });
    expect(republished.body.results[0].status).toBe('published');
    const result = await reviewReminders(new Date(Date.now() + 40 * DAY));
    expect(result).toEqual({ emails: 1, versions: 1 });
    expect(h.stack.mail.messages()[0]?.text).toContain('Monitoring Notice 2027');
  });
});

describe('review reminders: error', () => {
  it('ignores a cron it has no job for', async () => {
    expect(await runScheduled('*/5 * * * *', h.env)).toEqual({});
  });
});
