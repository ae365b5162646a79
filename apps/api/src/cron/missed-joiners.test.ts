import { beforeAll, describe, expect, it } from 'vitest';
import { deliverQueued, demoIds, launchCampaign, publishStaffPolicy } from '../testing/harness.ts';
import { useHarness } from '../testing/use-harness.ts';
import { HOURLY, runScheduled } from './index.ts';

// The hourly job that adds anyone an open campaign should have but has no recipient row for: the
// gap a person added in the middle of a launch (after its read of the directory, before its write)
// would otherwise fall into. Simulated by writing the person straight into the directory, which
// is exactly what that race leaves behind.

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');
let campaignId: string;
let trustId: string;

const run = () => runScheduled(HOURLY, { ...h.env, WORK_QUEUE: h.queue }, new Date());

beforeAll(async () => {
  const policyId = await publishStaffPolicy(h);
  ({ campaignId } = await launchCampaign(h, {
    policyId,
    schoolIds: [moorthorpe],
    name: 'AUP 2026/27',
    dueInDays: 14,
  }));
  await deliverQueued(h, h.queue.drain());
  trustId = (
    await h.sql<{ trust_id: string }>('select trust_id from campaigns where id = $1', [campaignId])
  )[0]!.trust_id;
});

describe('missed joiners', () => {
  it('adds a person the launch missed, sends them the email once, and records it', async () => {
    const [person] = await h.sql<{ id: string }>(
      `insert into people (trust_id, name, email, job_title) values ($1, 'Mid Launch', 'mid.launch@example.org', 'Cook') returning id`,
      [trustId],
    );
    await h.sql(
      `insert into school_memberships (trust_id, school_id, person_id, role) values ($1, $2, $3, 'staff')`,
      [trustId, moorthorpe, person!.id],
    );
    // Someone in another audience (a governor) is not this campaign's.
    const [governor] = await h.sql<{ id: string }>(
      `insert into people (trust_id, name, email) values ($1, 'Not Staff', 'not.staff@example.org') returning id`,
      [trustId],
    );
    await h.sql(
      `insert into school_memberships (trust_id, school_id, person_id, role) values ($1, $2, $3, 'governor')`,
      [trustId, moorthorpe, governor!.id],
    );
    h.stack.mail.clear();
    h.queue.drain();

    await run();
    const rows = await h.sql<{ person_id: string; status: string }>(
      'select person_id, status from recipients where campaign_id = $1 and person_id = any($2::uuid[])',
      [campaignId, [person!.id, governor!.id]],
    );
    expect(rows).toEqual([{ person_id: person!.id, status: 'queued' }]);
    const queued = h.queue.drain();
    expect(queued).toEqual([expect.objectContaining({ kind: 'campaign.send', campaignId })]);
    await deliverQueued(h, queued);
    expect(h.stack.mail.messages().map((m) => m.to[0])).toEqual(['mid.launch@example.org']);
    const [audit] = await h.sql<{ summary: string; actor_name: string; actor_user_id: string | null }>(
      "select summary, actor_name, actor_user_id from audit_log where action = 'campaign.recipient_added' order by created_at desc, id desc limit 1",
    );
    expect(audit).toMatchObject({ actor_name: 'Attest (scheduled: missed joiners)', actor_user_id: null });
    expect(audit!.summary).toMatch(/^Added Mid Launch to “AUP 2026\/27” at Moorthorpe/);

    // Run again: nothing more to add, nothing sent.
    await run();
    expect(h.queue.drain()).toEqual([]);
    const [count] = await h.sql<{ n: number }>(
      'select count(*)::int as n from recipients where campaign_id = $1 and person_id = $2',
      [campaignId, person!.id],
    );
    expect(count!.n).toBe(1);
  });

  it('leaves a withdrawn recipient alone (only rejoining puts them back)', async () => {
    const [r] = await h.sql<{ id: string }>(
      "update recipients set status = 'withdrawn' where id = (select id from recipients where campaign_id = $1 and status = 'sent' limit 1) returning id",
      [campaignId],
    );
    await run();
    const [after] = await h.sql<{ status: string }>('select status from recipients where id = $1', [r!.id]);
    expect(after!.status).toBe('withdrawn');
  });
});
