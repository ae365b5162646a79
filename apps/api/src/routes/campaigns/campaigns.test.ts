import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  deliverQueued,
  demoIds,
  MOORTHORPE_HEAD,
  OTHER_ADMIN,
  publishStaffPolicy,
  tableCounts,
} from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');
let policyId: string;

beforeAll(async () => {
  policyId = await publishStaffPolicy(h);
});

const deliver = (bodies: unknown[]) => deliverQueued(h, bodies);

const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const linkIn = (text: string | null) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];

describe('campaigns and signing: happy', () => {
  it('launches for one school: recipients written, one queue message per 100, mail sent once even when redelivered', async () => {
    const created = await h.request('POST', '/v1/campaigns', {
      as: MOORTHORPE_HEAD,
      json: { name: 'Staff AUP 2026/27', policyId, schoolIds: [moorthorpe], audiences: ['staff'], dueAt },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', reminderSchedule: ['+3', '+7', 'due-1', 'due'] });
    const [staff] = await h.sql<{ n: number }>(
      "select count(distinct person_id)::int as n from school_memberships where school_id = $1 and role = 'staff' and left_at is null",
      [moorthorpe],
    );

    const launched = await h.request('POST', `/v1/campaigns/${created.body.id}/launch`, {
      as: MOORTHORPE_HEAD,
    });
    expect(launched.status).toBe(202);
    expect(launched.body).toEqual({ recipients: staff?.n, batches: 1 });
    expect(h.stack.mail.messages()).toHaveLength(0); // launching sends nothing itself

    const queued = h.queue.drain();
    expect(queued).toEqual([
      { kind: 'campaign.send', trustId: expect.any(String), campaignId: created.body.id, batchNo: 0 },
    ]);
    h.stack.mail.clear();
    expect(await deliver(queued)).toEqual({ acked: 1, retried: 0 });
    const mail = h.stack.mail.messages();
    expect(mail).toHaveLength(staff!.n);
    expect(mail[0]?.subject).toMatch(
      /^Please read and sign: Staff Acceptable Use Agreement \(2026\/27\), by \d{1,2} [A-Z][a-z]+$/,
    );
    expect(mail[0]?.from).toBe(
      '"Moorthorpe Primary School with Inclusion Resource via Attest" <no-reply@attest.example.org>',
    );
    expect(linkIn(mail[0]!.text)).toBeDefined();

    // Redelivery (the consumer crashed before acking): nobody is mailed twice.
    expect(await deliver(queued)).toEqual({ acked: 1, retried: 0 });
    expect(h.stack.mail.messages()).toHaveLength(staff!.n);

    const read = await h.request('GET', `/v1/campaigns/${created.body.id}`, { as: ADMIN });
    expect(read.body).toMatchObject({
      status: 'sent',
      counts: { sent: staff!.n, signed: 0, outstanding: staff!.n },
    });
    expect(read.body.schools).toEqual([
      expect.objectContaining({ schoolId: moorthorpe, total: staff!.n, signed: 0 }),
    ]);
  });

  it('lets a member of staff read and sign from the link, once, and shows it afterwards', async () => {
    const [first] = h.stack.mail.messages();
    const token = linkIn(first!.text)!;
    const page = await h.request('GET', `/v1/sign/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      status: 'pending',
      schoolName: 'Moorthorpe Primary School with Inclusion Resource',
      statements: ['I have read and agree to this agreement.'],
      policy: { label: '2026/27' },
    });
    expect(page.body.policy.content.sections[0].clauses[0].text).toBe(
      'I will not disclose any passwords provided to me by Moorthorpe Primary School with Inclusion Resource.',
    );

    const signBody = {
      typedName: page.body.person.name,
      jobTitle: page.body.person.jobTitle,
      statements: page.body.statements,
    };
    // Twenty submits at once (double clicks, two tabs, retries): one signature, and all succeed.
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        h.request('POST', `/v1/sign/${token}`, { json: signBody, headers: { 'user-agent': 'Test Phone' } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(results.map((r) => r.body.signature.signedAt)).size).toBe(1);
    const rows = await h.sql<{ n: number; sha: string; ua: string }>(
      'select count(*)::int as n, min(version_sha256) as sha, min(user_agent) as ua from signatures',
    );
    expect(rows[0]).toMatchObject({ n: 1, sha: page.body.policy.sha256, ua: 'Test Phone' });

    // One receipt, with the exact text and its fingerprint, however many submits there were.
    const receipts = h.stack.mail.messages().filter((m) => m.subject.startsWith('Your signed copy'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.text).toContain(page.body.policy.sha256);
    expect(receipts[0]?.text).toContain('I will not disclose any passwords provided to me by Moorthorpe');

    const again = await h.request('GET', `/v1/sign/${token}`);
    expect(again.body).toMatchObject({ status: 'signed', signature: { typedName: page.body.person.name } });
    const campaign = (await h.request('GET', '/v1/campaigns', { as: ADMIN })).body.data[0];
    expect(campaign.counts.signed).toBe(1);
  });
});

describe('campaign evidence: happy', () => {
  it('drills down to who has signed, and exports every signature with its hash as CSV', async () => {
    const campaign = (await h.request('GET', '/v1/campaigns', { as: ADMIN })).body.data[0];
    const signed = await h.request('GET', `/v1/campaigns/${campaign.id}/recipients?status=signed`, {
      as: MOORTHORPE_HEAD,
    });
    expect(signed.status).toBe(200);
    expect(signed.body.data).toHaveLength(1);
    expect(signed.body.data[0]).toMatchObject({
      schoolName: 'Moorthorpe Primary School with Inclusion Resource',
      status: 'signed',
    });
    const outstanding = await h.request('GET', `/v1/campaigns/${campaign.id}/recipients?status=outstanding`, {
      as: ADMIN,
    });
    expect(outstanding.body.data.length).toBe(campaign.counts.total - 1);

    const csv = await h.request('GET', `/v1/campaigns/${campaign.id}/signatures.csv`, { as: ADMIN });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'School,Name,Email,Typed name,Job title,Signed at (UTC),Version,Version number,SHA-256 of the signed text,IP address,Browser',
    );
    expect(lines).toHaveLength(2);
    const [version] = await h.sql<{ sha256: string }>(
      'select sha256 from policy_versions where policy_id = $1 and school_id = $2',
      [policyId, moorthorpe],
    );
    expect(lines[1]).toContain(version!.sha256);
    expect(lines[1]).toContain('Test Phone');
  });
});

describe('chasing: happy', () => {
  it('reminds everyone outstanding at the school once a day, with the same link, and not the signer', async () => {
    const campaign = (await h.request('GET', '/v1/campaigns', { as: ADMIN })).body.data[0];
    h.queue.drain();
    h.stack.mail.clear();
    const chased = await h.request('POST', `/v1/campaigns/${campaign.id}/remind`, {
      as: MOORTHORPE_HEAD,
      json: { schoolId: moorthorpe },
    });
    expect(chased.status).toBe(202);
    expect(chased.body.reminded).toBe(campaign.counts.total - 1);
    // The campaign page says when the school was last chased.
    const after = await h.request('GET', `/v1/campaigns/${campaign.id}`, { as: ADMIN });
    const school = after.body.schools.find((s: { schoolId: string }) => s.schoolId === moorthorpe);
    expect(Date.now() - Date.parse(school.lastChasedAt)).toBeLessThan(60_000);
    expect(campaign.schools[0].lastChasedAt).toBeNull();
    const queued = h.queue.drain();
    await deliver(queued);
    const reminders = h.stack.mail.messages();
    expect(reminders).toHaveLength(campaign.counts.total - 1);
    // "Last emailed" counts the reminder, even on the day of the first email, and only once when
    // the queue delivers the same message again.
    const sends = () =>
      h.sql<{ sends: number; n: number }>(
        `select sends, count(*)::int as n from recipients where campaign_id = $1 and status <> 'signed' group by sends`,
        [campaign.id],
      );
    expect(await sends()).toEqual([{ sends: 2, n: campaign.counts.total - 1 }]);
    await deliver(queued);
    expect(await sends()).toEqual([{ sends: 2, n: campaign.counts.total - 1 }]);
    expect(reminders.every((m) => m.subject.startsWith('Reminder: please read and sign'))).toBe(true);
    const signer = (
      await h.sql<{ email: string }>("select email from recipients where status = 'signed'")
    )[0]!.email;
    expect(reminders.some((m) => m.to.includes(signer))).toBe(false);

    const again = await h.request('POST', `/v1/campaigns/${campaign.id}/remind`, {
      as: ADMIN,
      json: { schoolId: moorthorpe },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('Already chased today');
  });
});

describe('campaigns and signing: error', () => {
  it('refuses to sign without every statement ticked, and writes nothing', async () => {
    // The oldest invitation: not the one signed above (messages are newest first).
    const invitations = h.stack.mail.messages().filter((m) => /read and sign/i.test(m.subject));
    const token = linkIn(invitations.at(-1)!.text)!;
    const before = await tableCounts(h);
    const res = await h.request('POST', `/v1/sign/${token}`, {
      json: { typedName: 'Someone', statements: [] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('Tick every statement');
    expect(await tableCounts(h)).toEqual(before);
  });

  it('explains unknown and forged links without revealing anything', async () => {
    const forged = await h.request('GET', `/v1/sign/${'A'.repeat(43)}`);
    expect(forged.status).toBe(404);
    expect(forged.body.error.code).toBe('LINK_NOT_FOUND');
    expect((await h.request('GET', "/v1/sign/' or 1=1 --")).status).toBe(404);
    expect(
      (await h.request('POST', `/v1/sign/${'B'.repeat(43)}`, { json: { typedName: 'x', statements: [] } }))
        .status,
    ).toBe(404);
  });

  it('refuses to launch a campaign twice', async () => {
    const campaign = (await h.request('GET', '/v1/campaigns', { as: ADMIN })).body.data[0];
    const res = await h.request('POST', `/v1/campaigns/${campaign.id}/launch`, { as: ADMIN });
    expect(res.status).toBe(409);
  });

  it('refuses a due date in the past and too many reminders', async () => {
    const past = await h.request('POST', '/v1/campaigns', {
      as: ADMIN,
      json: { name: 'x', policyId, schoolIds: [moorthorpe], audiences: ['staff'], dueAt: '2020-01-01' },
    });
    expect(past.status).toBe(422);
    const many = await h.request('POST', '/v1/campaigns', {
      as: ADMIN,
      json: {
        name: 'x',
        policyId,
        schoolIds: [moorthorpe],
        audiences: ['staff'],
        dueAt,
        reminderSchedule: ['+1', '+2', '+3', '+4', '+5', '+6'],
      },
    });
    expect(many.status).toBe(422);
  });
});

describe('campaigns and signing: security', () => {
  it("keeps other trusts' campaigns and heads' neighbours out", async () => {
    const campaign = (await h.request('GET', '/v1/campaigns', { as: ADMIN })).body.data[0];
    expect((await h.request('GET', `/v1/campaigns/${campaign.id}`, { as: OTHER_ADMIN })).status).toBe(404);
    expect((await h.request('POST', `/v1/campaigns/${campaign.id}/launch`, { as: OTHER_ADMIN })).status).toBe(
      404,
    );
    const castleHead = await h.request('GET', `/v1/campaigns/${campaign.id}`, {
      as: 't.whitaker@castlelane.example.org',
    });
    expect(castleHead.status).toBe(404);
  });

  it('never shows a signer’s token or its hash to anyone', async () => {
    const campaign = (await h.request('GET', '/v1/campaigns', { as: ADMIN })).body.data[0];
    const res = await h.request('GET', `/v1/campaigns/${campaign.id}`, { as: ADMIN });
    const [recipient] = await h.sql<{ token_hash: string }>('select token_hash from person_links limit 1');
    expect(res.text).not.toContain(recipient!.token_hash);
    expect(res.text).not.toContain('token');
  });
});
