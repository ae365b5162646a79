import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ADMIN, deliverQueued, demoIds, publishPolicy } from '../testing/harness.ts';
import { useHarness } from '../testing/use-harness.ts';
import { DAILY, HOURLY, runScheduled } from './index.ts';

// The cron's campaign upkeep: the sweep that sends what a failed enqueue stranded, and closing
// campaigns whose links have all expired. Driven through the real routes, cron entry and consumer.

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');
let campaignId: string;
let staff: number;
let tokens: string[] = [];
const DAY = 86_400_000;
const MINUTE = 60_000;
const dueAt = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);
const linkIn = (text: string | null) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];

const run = async (cron: string, at: Date) => {
  const outcomes = await runScheduled(cron, { ...h.env, WORK_QUEUE: h.queue }, at);
  for (const [job, outcome] of Object.entries(outcomes))
    expect({ job, failed: outcome.failed }).toEqual({ job, failed: [] });
  return outcomes['stranded-sends']?.result;
};
const later = (ms: number) => new Date(Date.now() + ms);
const statusOf = async () =>
  (await h.sql<{ status: string }>('select status from campaigns where id = $1', [campaignId]))[0]!.status;

beforeAll(async () => {
  const policyId = await publishPolicy(h, {
    clause: { category: 'monitoring', title: 'Monitoring', text: 'I understand my use may be monitored.' },
  });
  const campaign = await h.request('POST', '/v1/campaigns', {
    as: ADMIN,
    json: { name: 'AUP 2026/27', policyId, schoolIds: [moorthorpe], audiences: ['staff'], dueAt },
  });
  campaignId = campaign.body.id;
});

describe('stranded sends: happy', () => {
  it('launches even when the queue is down: the recipients are written, the request answers 202', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    h.queue.failing = true;
    try {
      const res = await h.request('POST', `/v1/campaigns/${campaignId}/launch`, { as: ADMIN });
      expect(res.status).toBe(202);
      staff = res.body.recipients;
      expect(staff).toBeGreaterThan(0);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('work not enqueued'));
    } finally {
      h.queue.failing = false;
      errors.mockRestore();
    }
    expect(h.queue.drain()).toEqual([]);
    const [row] = await h.sql<{ n: number }>(
      "select count(*)::int as n from recipients where campaign_id = $1 and status = 'queued'",
      [campaignId],
    );
    expect(row!.n).toBe(staff);
    expect(await statusOf()).toBe('sending');
  });

  it('leaves recipients queued for under 15 minutes alone, then enqueues their batch; delivery mails everyone once', async () => {
    expect(await run(HOURLY, later(5 * MINUTE))).toEqual({ campaigns: 0, batches: 0 });
    expect(h.queue.drain()).toEqual([]);

    expect(await run(HOURLY, later(20 * MINUTE))).toEqual({ campaigns: 1, batches: 1 });
    const queued = h.queue.drain();
    expect(queued).toEqual([{ kind: 'campaign.send', trustId: expect.any(String), campaignId, batchNo: 0 }]);
    // The first message turning up late, after the sweep's: still one email each.
    h.stack.mail.clear();
    await deliverQueued(h, queued);
    await deliverQueued(h, queued);
    const mail = h.stack.mail.messages();
    expect(mail).toHaveLength(staff);
    expect(new Set(mail.map((m) => m.to[0])).size).toBe(staff);
    tokens = mail.map((m) => linkIn(m.text)!);
    expect(await statusOf()).toBe('sent');

    // Nothing is queued any more: the next sweeps find nothing.
    expect(await run(HOURLY, later(80 * MINUTE))).toEqual({ campaigns: 0, batches: 0 });
  });

  it('sweeps a joiner whose email could not be enqueued, from the daily run too', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    h.queue.failing = true;
    let personId: string;
    try {
      const res = await h.request('POST', '/v1/people', {
        as: ADMIN,
        json: {
          name: 'Jo Joiner',
          email: 'jo.joiner@moorthorpe.example.org',
          schoolId: moorthorpe,
          role: 'staff',
        },
      });
      expect(res.status).toBe(201);
      personId = res.body.id;
    } finally {
      h.queue.failing = false;
      errors.mockRestore();
    }
    const [recipient] = await h.sql<{ status: string; batch_no: number }>(
      'select status, batch_no from recipients where person_id = $1',
      [personId],
    );
    expect(recipient).toEqual({ status: 'queued', batch_no: 1 });
    h.stack.mail.clear();
    await run(DAILY, later(DAY));
    const queued = h.queue.drain();
    expect(queued).toContainEqual({
      kind: 'campaign.send',
      trustId: expect.any(String),
      campaignId,
      batchNo: 1,
    });
    await deliverQueued(h, queued);
    expect(h.stack.mail.messages().map((m) => m.to)).toContainEqual(['jo.joiner@moorthorpe.example.org']);
  });
});

describe('closing expired campaigns: happy', () => {
  let signedToken: string;
  let pendingToken: string;

  it('keeps a campaign open until its links expire (due date + 30 days), then closes it once, with an audit entry', async () => {
    [signedToken, pendingToken] = [tokens[0]!, tokens[1]!];
    const page = await h.request('GET', `/v1/sign/${signedToken}`);
    await h.request('POST', `/v1/sign/${signedToken}`, {
      json: { typedName: page.body.person.name, statements: page.body.statements },
    });

    await run(DAILY, later(14 * DAY + 29 * DAY));
    expect(await statusOf()).toBe('sent');
    h.queue.drain();

    await run(DAILY, later(14 * DAY + 31 * DAY));
    expect(await statusOf()).toBe('closed');
    expect(h.queue.drain()).toEqual([]); // no reminders, no sweep
    const entries = await h.sql<{ summary: string; actor_name: string; after: { signed: number } }>(
      "select summary, actor_name, after from audit_log where action = 'campaign.closed' and entity_id = $1",
      [campaignId],
    );
    expect(entries).toEqual([
      {
        summary: 'Closed “AUP 2026/27”: its signing links have expired',
        actor_name: 'Attest (scheduled: close expired campaigns)',
        after: expect.objectContaining({ status: 'closed', signed: 1 }),
      },
    ]);
    await run(DAILY, later(14 * DAY + 32 * DAY));
    const [again] = await h.sql<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'campaign.closed' and entity_id = $1",
      [campaignId],
    );
    expect(again!.n).toBe(1);
  });

  it('still shows a signer what they signed; adds no joiners and withdraws no leavers', async () => {
    // The links are only expired in the cron's future, so make them expired now as well.
    await h.sql(
      `update person_links set expires_at = now() - interval '1 day' where subject_id in (select id from recipients where campaign_id = $1)`,
      [campaignId],
    );
    const signed = await h.request('GET', `/v1/sign/${signedToken}`);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    const pending = await h.request('GET', `/v1/sign/${pendingToken}`);
    expect(pending.status).toBe(410);
    // Closed, not merely expired: there is no fresh link to offer.
    expect(pending.body.error.code).toBe('REQUEST_CLOSED');
    expect((await h.request('POST', `/v1/links/${pendingToken}/fresh-link`)).body.error.code).toBe(
      'REQUEST_CLOSED',
    );

    const late = await h.request('POST', '/v1/people', {
      as: ADMIN,
      json: {
        name: 'Lee Late',
        email: 'lee.late@moorthorpe.example.org',
        schoolId: moorthorpe,
        role: 'staff',
      },
    });
    expect(late.status).toBe(201);
    const [rows] = await h.sql<{ n: number }>(
      'select count(*)::int as n from recipients where person_id = $1',
      [late.body.id],
    );
    expect(rows!.n).toBe(0);
    const [leaver] = await h.sql<{ person_id: string }>(
      "select person_id from recipients where campaign_id = $1 and status = 'sent' limit 1",
      [campaignId],
    );
    await h.request('POST', `/v1/people/${leaver!.person_id}/leave`, {
      as: ADMIN,
      json: { schoolId: moorthorpe },
    });
    const [still] = await h.sql<{ status: string }>('select status from recipients where person_id = $1', [
      leaver!.person_id,
    ]);
    expect(still!.status).toBe('sent');
    expect(h.queue.drain()).toEqual([]);
  });
});
