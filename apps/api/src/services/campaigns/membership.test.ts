import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  deliverQueued,
  type Harness,
  MOORTHORPE_HEAD,
  OTHER_ADMIN,
  startHarness,
} from '../../testing/harness.ts';

// A campaign follows the directory while it is open: joiners are added and sent the email,
// leavers are withdrawn (never a signer), a new address follows the person. Driven through the
// real routes (people, leave/rejoin, the staff-list import), against PGlite.

let h: Harness;
let moorthorpe: string;
let castleLane: string;
let hollinBank: string;
let campaignId: string;
let launched: number;

const NAME = 'Staff AUP 2026/27';
const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const linkIn = (text: string | null) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];
const csv = (text: string) => ({ body: text, headers: { 'content-type': 'text/csv' } });

interface RecipientRow {
  id: string;
  status: string;
  email: string;
  batch_no: number;
  school_id: string;
  policy_version_id: string;
}
const recipientsOf = (personId: string) =>
  h.sql<RecipientRow>(
    'select id, status, email, batch_no, school_id, policy_version_id from recipients where campaign_id = $1 and person_id = $2',
    [campaignId, personId],
  );
const audit = (action: string) =>
  h.sql<{ summary: string; actor_name: string; entity_id: string; after: Record<string, unknown> }>(
    'select summary, actor_name, entity_id, after from audit_log where action = $1 order by created_at, summary',
    [action],
  );
const maxBatch = async () =>
  (
    await h.sql<{ n: number }>('select max(batch_no)::int as n from recipients where campaign_id = $1', [
      campaignId,
    ])
  )[0]!.n;
const addPerson = (name: string, email: string, schoolId: string, role = 'staff', as = ADMIN) =>
  h.request('POST', '/v1/people', { as, json: { name, email, schoolId, role } });

beforeAll(async () => {
  h = await startHarness();
  moorthorpe = h.ids.school('pennine', 'moorthorpe');
  castleLane = h.ids.school('pennine', 'castle-lane');
  hollinBank = h.ids.school('pennine', 'hollin-bank');
  const clause = await h.request('POST', '/v1/clauses', {
    as: ADMIN,
    json: { category: 'passwords_access', title: 'Passwords', text: 'I will keep my password to myself.' },
  });
  const policy = await h.request('POST', '/v1/policies', {
    as: ADMIN,
    json: {
      title: 'Staff Acceptable Use Agreement',
      audiences: ['staff'],
      sections: [{ heading: null, clauseIds: [clause.body.id] }],
    },
  });
  await h.request('POST', `/v1/policies/${policy.body.id}/publish`, { as: ADMIN, json: {} });
  const created = await h.request('POST', '/v1/campaigns', {
    as: ADMIN,
    json: {
      name: NAME,
      policyId: policy.body.id,
      schoolIds: [moorthorpe, castleLane],
      audiences: ['staff'],
      dueAt,
    },
  });
  campaignId = created.body.id;
  const res = await h.request('POST', `/v1/campaigns/${campaignId}/launch`, { as: ADMIN });
  expect(res.status).toBe(202);
  launched = res.body.recipients;
  await deliverQueued(h, h.queue.drain());
  h.stack.mail.clear();
});
afterAll(async () => {
  await h?.stop();
});

describe('joining an open campaign: happy', () => {
  let samId: string;

  it('adds someone new at one of its schools in its audience, queues them in a new batch and mails them once', async () => {
    const before = await maxBatch();
    const res = await addPerson('Sam Patel', 'sam.patel@moorthorpe.example.org', moorthorpe);
    expect(res.status).toBe(201);
    samId = res.body.id;
    const [row, ...more] = await recipientsOf(samId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      status: 'queued',
      email: 'sam.patel@moorthorpe.example.org',
      school_id: moorthorpe,
    });
    expect(row!.batch_no).toBe(before + 1);
    const [latest] = await h.sql<{ id: string }>(
      'select id from policy_versions where school_id = $1 order by version desc limit 1',
      [moorthorpe],
    );
    expect(row!.policy_version_id).toBe(latest!.id);

    const queued = h.queue.drain();
    expect(queued).toEqual([
      { kind: 'campaign.send', trustId: expect.any(String), campaignId, batchNo: before + 1 },
    ]);
    await deliverQueued(h, queued);
    await deliverQueued(h, queued); // a redelivery mails nobody twice
    const mail = h.stack.mail.messages();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toEqual(['sam.patel@moorthorpe.example.org']);
    const page = await h.request('GET', `/v1/sign/${linkIn(mail[0]!.text)}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ status: 'pending', person: { name: 'Sam Patel' } });

    const [entry] = await audit('campaign.recipient_added');
    expect(entry).toMatchObject({
      summary: `Added Sam Patel to “${NAME}” at Moorthorpe Primary School with Inclusion Resource`,
      actor_name: 'Alex Morgan',
      entity_id: campaignId,
    });
    const read = await h.request('GET', `/v1/campaigns/${campaignId}`, { as: ADMIN });
    expect(read.body.counts.total).toBe(launched + 1);
  });

  it('leaves out people outside its audiences and its schools', async () => {
    const governor = await addPerson('Gill Governor', 'gill@moorthorpe.example.org', moorthorpe, 'governor');
    const elsewhere = await addPerson('Hal Elsewhere', 'hal@hollinbank.example.org', hollinBank);
    expect([governor.status, elsewhere.status]).toEqual([201, 201]);
    expect(await recipientsOf(governor.body.id)).toEqual([]);
    expect(await recipientsOf(elsewhere.body.id)).toEqual([]);
    expect(h.queue.drain()).toEqual([]);
  });

  it('withdraws a leaver who has not signed: the link answers 410, and the audit log says why', async () => {
    const [mail] = h.stack.mail.messages();
    const token = linkIn(mail!.text)!;
    const res = await h.request('POST', `/v1/people/${samId}/leave`, {
      as: ADMIN,
      json: { schoolId: moorthorpe },
    });
    expect(res.status).toBe(200);
    expect((await recipientsOf(samId))[0]!.status).toBe('withdrawn');
    const link = await h.request('GET', `/v1/sign/${token}`);
    expect(link.status).toBe(410);
    expect(link.body.error.code).toBe('LINK_WITHDRAWN');
    const [entry] = await audit('campaign.recipient_withdrawn');
    expect(entry!.summary).toBe(
      `Withdrew Sam Patel from “${NAME}”: left Moorthorpe Primary School with Inclusion Resource`,
    );
    const read = await h.request('GET', `/v1/campaigns/${campaignId}`, { as: ADMIN });
    expect(read.body.counts).toMatchObject({ total: launched, withdrawn: 1 });
  });

  it('puts a rejoiner’s own recipient row back to queued (same link), rather than making a second', async () => {
    const [withdrawn] = await recipientsOf(samId);
    h.stack.mail.clear();
    const res = await h.request('POST', `/v1/people/${samId}/rejoin`, {
      as: ADMIN,
      json: { schoolId: moorthorpe },
    });
    expect(res.status).toBe(200);
    const rows = await recipientsOf(samId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: withdrawn!.id, status: 'queued' });
    expect(rows[0]!.batch_no).toBeGreaterThan(withdrawn!.batch_no);
    await deliverQueued(h, h.queue.drain());
    const [mail] = h.stack.mail.messages();
    expect(mail!.to).toEqual(['sam.patel@moorthorpe.example.org']);
    expect((await h.request('GET', `/v1/sign/${linkIn(mail!.text)}`)).status).toBe(200);
    expect((await audit('campaign.recipient_added')).map((a) => a.summary)).toContain(
      `Added Sam Patel back to “${NAME}” at Moorthorpe Primary School with Inclusion Resource`,
    );
  });

  it('never withdraws a signer, and keeps someone still in the audience at another of its schools', async () => {
    // Sam signs, then leaves: the signature and the recipient stay as they were.
    const [mail] = h.stack.mail.messages();
    const token = linkIn(mail!.text)!;
    const page = await h.request('GET', `/v1/sign/${token}`);
    const signed = await h.request('POST', `/v1/sign/${token}`, {
      json: { typedName: 'Sam Patel', statements: page.body.statements },
    });
    expect(signed.status).toBe(200);
    const withdrawals = (await audit('campaign.recipient_withdrawn')).length;
    await h.request('POST', `/v1/people/${samId}/leave`, { as: ADMIN, json: { schoolId: moorthorpe } });
    expect((await recipientsOf(samId))[0]!.status).toBe('signed');
    expect(await audit('campaign.recipient_withdrawn')).toHaveLength(withdrawals);
    expect((await h.request('GET', `/v1/sign/${token}`)).body.status).toBe('signed');

    // A Castle Lane teacher who also joins Moorthorpe is already a recipient: left alone; leaving
    // Castle Lane keeps them, since Moorthorpe still puts them in the campaign.
    const [teacher] = await h.sql<{ id: string; email: string; name: string }>(
      `select p.id, p.email, p.name from people p join recipients r on r.person_id = p.id
        where r.campaign_id = $1 and r.school_id = $2 and r.status = 'sent' order by p.email limit 1`,
      [campaignId, castleLane],
    );
    const imported = await h.request('POST', `/v1/schools/${moorthorpe}/people/import`, {
      as: ADMIN,
      ...csv(`name,email,role\n${teacher!.name},${teacher!.email},staff\n`),
    });
    expect(imported.body.summary).toMatchObject({ updated: 1 });
    expect(h.queue.drain()).toEqual([]);
    const left = await h.request('POST', `/v1/people/${teacher!.id}/leave`, {
      as: ADMIN,
      json: { schoolId: castleLane },
    });
    expect(left.status).toBe(200);
    expect(await recipientsOf(teacher!.id)).toEqual([
      expect.objectContaining({ status: 'sent', school_id: castleLane }),
    ]);
  });
});

describe('joining by staff-list import: happy', () => {
  it('adds 150 new staff in one go, in batches of at most 100, and mails each of them once', async () => {
    const before = await maxBatch();
    const added = (await audit('campaign.recipient_added')).length;
    const rows = Array.from(
      { length: 150 },
      (_, i) => `New Starter ${i},starter${i}@moorthorpe.example.org,staff`,
    );
    const res = await h.request('POST', `/v1/schools/${moorthorpe}/people/import`, {
      as: MOORTHORPE_HEAD,
      ...csv(['name,email,role', ...rows, 'Vic Volunteer,vic@moorthorpe.example.org,volunteer'].join('\n')),
    });
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ added: 151, rejected: 0 });
    const batches = await h.sql<{ batch_no: number; n: number }>(
      `select batch_no, count(*)::int as n from recipients where campaign_id = $1 and email like 'starter%' group by 1 order by 1`,
      [campaignId],
    );
    expect(batches).toEqual([
      { batch_no: before + 1, n: 100 },
      { batch_no: before + 2, n: 50 },
    ]);
    const queued = h.queue.drain();
    expect(queued).toEqual([
      { kind: 'campaign.send', trustId: expect.any(String), campaignId, batchNo: before + 1 },
      { kind: 'campaign.send', trustId: expect.any(String), campaignId, batchNo: before + 2 },
    ]);
    h.stack.mail.clear();
    expect(await deliverQueued(h, queued)).toEqual({ acked: 2, retried: 0 });
    const mail = h.stack.mail.messages();
    expect(mail).toHaveLength(150);
    expect(new Set(mail.map((m) => m.to[0])).size).toBe(150);
    // One audit entry for the import's joiners, naming every one of them in "after".
    const entries = await audit('campaign.recipient_added');
    expect(entries.length - added).toBe(1);
    const entry = entries.find((e) => e.summary.startsWith('Added 150 people'))!;
    expect(entry).toMatchObject({
      summary: `Added 150 people to “${NAME}” at Moorthorpe Primary School with Inclusion Resource`,
      actor_name: 'Rachel Dobson',
      entity_id: campaignId,
    });
    expect((entry.after as { people: unknown[] }).people).toHaveLength(150);

    // The same file again changes nothing: no recipients, no messages, no audit entries.
    const again = await h.request('POST', `/v1/schools/${moorthorpe}/people/import`, {
      as: MOORTHORPE_HEAD,
      ...csv(['name,email,role', ...rows].join('\n')),
    });
    expect(again.body.summary).toMatchObject({ unchanged: 150 });
    expect(h.queue.drain()).toEqual([]);
    expect(await audit('campaign.recipient_added')).toHaveLength(entries.length);
  });
});

describe('changing an address: happy', () => {
  it('sends reminders of an unsigned recipient to the new address, and re-sends where the old one bounced', async () => {
    const [sent, bounced, signer] = await h.sql<{ person_id: string; id: string }>(
      `select person_id, id from recipients where campaign_id = $1 and school_id = $2 and status in ('sent', 'signed')
        order by status = 'signed', id limit 3`,
      [campaignId, castleLane],
    );
    // One of them bounced (as Resend's webhook would record), one has signed.
    await h.sql(`update recipients set status = 'bounced' where id = $1`, [bounced!.id]);
    await h.sql(`update people set bounced_at = now() where id = $1`, [bounced!.person_id]);
    await h.sql(`update recipients set status = 'signed' where id = $1`, [signer!.id]);
    const [signerBefore] = await h.sql<{ email: string }>('select email from recipients where id = $1', [
      signer!.id,
    ]);

    for (const [who, email] of [
      [sent!.person_id, 'moved.sent@example.org'],
      [bounced!.person_id, 'fixed.bounce@example.org'],
      [signer!.person_id, 'moved.signer@example.org'],
    ] as const) {
      const res = await h.request('PATCH', `/v1/people/${who}`, { as: ADMIN, json: { email } });
      expect(res.status).toBe(200);
    }
    const rows = await h.sql<{ id: string; email: string; status: string }>(
      'select id, email, status from recipients where id = any($1::uuid[])',
      [[sent!.id, bounced!.id, signer!.id]],
    );
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        { id: bounced!.id, email: 'fixed.bounce@example.org', status: 'queued' },
        { id: sent!.id, email: 'moved.sent@example.org', status: 'sent' },
        { id: signer!.id, email: signerBefore!.email, status: 'signed' },
      ]),
    );
    const [person] = await h.sql<{ bounced_at: string | null }>(
      'select bounced_at from people where id = $1',
      [bounced!.person_id],
    );
    expect(person!.bounced_at).toBeNull();

    h.stack.mail.clear();
    const queued = h.queue.drain();
    expect(queued).toHaveLength(1);
    await deliverQueued(h, queued);
    expect(h.stack.mail.messages().map((m) => m.to)).toEqual([['fixed.bounce@example.org']]);
    expect((await audit('campaign.recipient_email_changed')).map((e) => e.summary)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Sending “Staff AUP 2026\/27” again to .+ at fixed\.bounce@example\.org: the old address bounced$/,
        ),
        expect.stringMatching(/^Sending “Staff AUP 2026\/27” to .+ at moved\.sent@example\.org from now on$/),
      ]),
    );

    // A chase now reaches the new address.
    h.stack.mail.clear();
    await h.request('POST', `/v1/campaigns/${campaignId}/remind`, {
      as: ADMIN,
      json: { schoolId: castleLane },
    });
    await deliverQueued(h, h.queue.drain());
    const to = h.stack.mail.messages().flatMap((m) => m.to);
    expect(to).toContain('moved.sent@example.org');
    expect(to).not.toContain('moved.signer@example.org');
  });
});

describe('joining and leaving: error', () => {
  it('adds nobody to a closed campaign, and withdraws nobody from it', async () => {
    await h.sql(`update campaigns set status = 'closed' where id = $1`, [campaignId]);
    try {
      const res = await addPerson('Late Comer', 'late@moorthorpe.example.org', moorthorpe);
      expect(res.status).toBe(201);
      expect(await recipientsOf(res.body.id)).toEqual([]);
      const [someone] = await h.sql<{ person_id: string }>(
        `select person_id from recipients where campaign_id = $1 and school_id = $2 and status = 'sent' limit 1`,
        [campaignId, castleLane],
      );
      await h.request('POST', `/v1/people/${someone!.person_id}/leave`, {
        as: ADMIN,
        json: { schoolId: castleLane },
      });
      expect((await recipientsOf(someone!.person_id))[0]!.status).toBe('sent');
      expect(h.queue.drain()).toEqual([]);
    } finally {
      await h.sql(`update campaigns set status = 'sent' where id = $1`, [campaignId]);
    }
  });

  it('writes neither the person nor a recipient when the email is taken', async () => {
    const [before] = await h.sql<{ n: number }>('select count(*)::int as n from recipients');
    const res = await addPerson('Sam Again', 'SAM.PATEL@moorthorpe.example.org', moorthorpe);
    expect(res.status).toBe(409);
    const [after] = await h.sql<{ n: number }>('select count(*)::int as n from recipients');
    expect(after!.n).toBe(before!.n);
    expect(h.queue.drain()).toEqual([]);
  });
});

describe('joining and leaving: security', () => {
  it("never adds another trust's people to our campaign", async () => {
    const riverside = h.ids.school('riverside', 'riverside-primary');
    const res = await addPerson(
      'River Person',
      'river@riverside.example.org',
      riverside,
      'staff',
      OTHER_ADMIN,
    );
    expect(res.status).toBe(201);
    const [row] = await h.sql<{ n: number }>(
      'select count(*)::int as n from recipients where person_id = $1',
      [res.body.id],
    );
    expect(row!.n).toBe(0);
    expect(h.queue.drain()).toEqual([]);
  });
});
