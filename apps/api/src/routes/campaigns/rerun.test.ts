import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, deliverQueued, demoIds, MOORTHORPE_HEAD, OTHER_ADMIN } from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

// POST /v1/campaigns/{id}/rerun: next year's round of a campaign, as a draft linked to this one.
// Launching it sends the latest version, and someone who signed last year's sees what changed.

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');
const castleLane = demoIds.school('pennine', 'castle-lane');
let clauseId: string;
let policyId: string;
let sentId: string;
let signerToken: string;

const CASTLE_HEAD = 't.whitaker@castlelane.example.org';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const linkIn = (text: string | null) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];
const campaignCount = async () =>
  (await h.sql<{ n: number }>('select count(*)::int as n from campaigns'))[0]!.n;

beforeAll(async () => {
  const clause = await h.request('POST', '/v1/clauses', {
    as: ADMIN,
    json: { category: 'passwords_access', title: 'Passwords', text: 'I will keep my password to myself.' },
  });
  clauseId = clause.body.id;
  const policy = await h.request('POST', '/v1/policies', {
    as: ADMIN,
    json: {
      title: 'Staff Acceptable Use Agreement',
      audiences: ['staff'],
      sections: [{ heading: null, clauseIds: [clauseId] }],
    },
  });
  policyId = policy.body.id;
  await h.request('POST', `/v1/policies/${policyId}/publish`, { as: ADMIN, json: { label: '2026/27' } });
  const created = await h.request('POST', '/v1/campaigns', {
    as: ADMIN,
    json: {
      name: 'Staff AUP 2026/27',
      policyId,
      schoolIds: [moorthorpe, castleLane],
      audiences: ['staff'],
      dueAt: inDays(30),
      message: 'Please read this before the start of term.',
      reminderSchedule: ['+5', 'due'],
    },
  });
  sentId = created.body.id;
  await h.request('POST', `/v1/campaigns/${sentId}/launch`, { as: ADMIN });
  await deliverQueued(h, h.queue.drain());
  // One Moorthorpe teacher signs this year's version.
  const invitation = h.stack.mail
    .messages()
    .find((m) => m.from.startsWith('"Moorthorpe') && /read and sign/i.test(m.subject))!;
  signerToken = linkIn(invitation.text)!;
  const page = await h.request('GET', `/v1/sign/${signerToken}`);
  const signed = await h.request('POST', `/v1/sign/${signerToken}`, {
    json: { typedName: page.body.person.name, statements: page.body.statements },
  });
  expect(signed.status).toBe(200);
});

describe('re-running a campaign: happy', () => {
  let rerunId: string;

  it('makes a draft with the same policy, schools, audiences, message and reminders, named for next year', async () => {
    const res = await h.request('POST', `/v1/campaigns/${sentId}/rerun`, {
      as: ADMIN,
      json: { dueAt: inDays(395) },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Staff AUP 2027/28',
      status: 'draft',
      policy: { id: policyId },
      audiences: ['staff'],
      dueAt: inDays(395),
      message: 'Please read this before the start of term.',
      reminderSchedule: ['+5', 'due'],
      previousCampaignId: sentId,
      launchedAt: null,
      counts: { total: 0 },
    });
    expect(res.body.schoolIds.toSorted()).toEqual([moorthorpe, castleLane].toSorted());
    rerunId = res.body.id;
    const [row] = await h.sql<{ previous_campaign_id: string }>(
      'select previous_campaign_id from campaigns where id = $1',
      [rerunId],
    );
    expect(row!.previous_campaign_id).toBe(sentId);
    const [entry] = await h.sql<{ summary: string; actor_name: string }>(
      "select summary, actor_name from audit_log where action = 'campaign.created' and entity_id = $1",
      [rerunId],
    );
    expect(entry).toEqual({
      summary: 'Created the campaign “Staff AUP 2027/28” to run “Staff AUP 2026/27” again',
      actor_name: 'Alex Morgan',
    });
    // The old campaign is untouched.
    const old = await h.request('GET', `/v1/campaigns/${sentId}`, { as: ADMIN });
    expect(old.body).toMatchObject({ status: 'sent', previousCampaignId: null, counts: { signed: 1 } });
  });

  it('sends the latest version when launched, and shows last year’s signer what changed', async () => {
    await h.request('POST', `/v1/clauses/${clauseId}/versions`, {
      as: ADMIN,
      json: { text: 'I will keep my password to myself and change it if I think it is known.' },
    });
    const published = await h.request('POST', `/v1/policies/${policyId}/publish`, {
      as: ADMIN,
      json: { label: '2027/28' },
    });
    expect(published.status).toBe(200);
    const launched = await h.request('POST', `/v1/campaigns/${rerunId}/launch`, { as: ADMIN });
    expect(launched.status).toBe(202);
    const versions = await h.sql<{ label: string; n: number }>(
      `select v.label, count(*)::int as n from recipients r join policy_versions v on v.id = r.policy_version_id
        where r.campaign_id = $1 group by v.label`,
      [rerunId],
    );
    expect(versions).toEqual([{ label: '2027/28', n: launched.body.recipients }]);

    h.stack.mail.clear();
    await deliverQueued(h, h.queue.drain());
    const [signer] = await h.sql<{ email: string }>(
      "select email from recipients where campaign_id = $1 and status = 'signed'",
      [sentId],
    );
    const mail = h.stack.mail.messages().find((m) => m.to.includes(signer!.email))!;
    const page = await h.request('GET', `/v1/sign/${linkIn(mail.text)}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      status: 'pending',
      campaignName: 'Staff AUP 2027/28',
      policy: { label: '2027/28' },
      changesSinceLastSigned: { previousLabel: '2026/27' },
    });
    // Last year's signature still reads as it was.
    const old = await h.request('GET', `/v1/sign/${signerToken}`);
    expect(old.body).toMatchObject({ status: 'signed', policy: { label: '2026/27' } });
  });

  it('takes the name given, and says "(again)" for a name without an academic year', async () => {
    const named = await h.request('POST', `/v1/campaigns/${sentId}/rerun`, {
      as: ADMIN,
      json: { dueAt: inDays(400), name: '  Autumn re-sign  ' },
    });
    expect(named.status).toBe(201);
    expect(named.body.name).toBe('Autumn re-sign');
    const launched = await h.request('POST', `/v1/campaigns/${named.body.id}/launch`, { as: ADMIN });
    expect(launched.status).toBe(202);
    h.queue.drain();
    const again = await h.request('POST', `/v1/campaigns/${named.body.id}/rerun`, {
      as: ADMIN,
      json: { dueAt: inDays(760) },
    });
    expect(again.body).toMatchObject({ name: 'Autumn re-sign (again)', previousCampaignId: named.body.id });
  });

  it('refuses a head a re-run of a campaign that also covers other schools (a trust admin re-runs it)', async () => {
    const before = await campaignCount();
    const res = await h.request('POST', `/v1/campaigns/${sentId}/rerun`, {
      as: MOORTHORPE_HEAD,
      json: { dueAt: inDays(395) },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/only a trust admin/);
    expect(await campaignCount()).toBe(before);
  });
});

describe('re-running a campaign: error', () => {
  it('refuses a draft, a due date in the past and a bad body, writing nothing', async () => {
    const draft = (await h.request('GET', '/v1/campaigns', { as: ADMIN })).body.data.find(
      (c: { status: string }) => c.status === 'draft',
    );
    const before = await campaignCount();
    const fromDraft = await h.request('POST', `/v1/campaigns/${draft.id}/rerun`, {
      as: ADMIN,
      json: { dueAt: inDays(30) },
    });
    expect(fromDraft.status).toBe(409);
    expect(fromDraft.body.error.message).toContain('has not been sent yet');
    const past = await h.request('POST', `/v1/campaigns/${sentId}/rerun`, {
      as: ADMIN,
      json: { dueAt: '2020-09-30' },
    });
    expect(past.status).toBe(422);
    for (const json of [
      {},
      { dueAt: 'next year' },
      { dueAt: inDays(30), name: '' },
      { dueAt: inDays(30), x: 1 },
    ]) {
      const res = await h.request('POST', `/v1/campaigns/${sentId}/rerun`, { as: ADMIN, json });
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await campaignCount()).toBe(before);
  });
});

describe('re-running a campaign: security', () => {
  it("answers another trust's admin, a head of another school and no session as if there were no campaign", async () => {
    const moorOnly = await h.request('POST', '/v1/campaigns', {
      as: MOORTHORPE_HEAD,
      json: {
        name: 'Moorthorpe AUP',
        policyId,
        schoolIds: [moorthorpe],
        audiences: ['staff'],
        dueAt: inDays(20),
      },
    });
    await h.request('POST', `/v1/campaigns/${moorOnly.body.id}/launch`, { as: MOORTHORPE_HEAD });
    h.queue.drain();
    const before = await campaignCount();
    const body = { json: { dueAt: inDays(395) } };
    const otherTrust = await h.request('POST', `/v1/campaigns/${moorOnly.body.id}/rerun`, {
      as: OTHER_ADMIN,
      ...body,
    });
    expect(otherTrust.status).toBe(404);
    expect(otherTrust.body.error.code).toBe('NOT_FOUND');
    const otherHead = await h.request('POST', `/v1/campaigns/${moorOnly.body.id}/rerun`, {
      as: CASTLE_HEAD,
      ...body,
    });
    expect(otherHead.status).toBe(404);
    expect(otherHead.text).not.toContain('Moorthorpe AUP');
    const anonymous = await h.request('POST', `/v1/campaigns/${moorOnly.body.id}/rerun`, body);
    expect(anonymous.status).toBe(401);
    expect(await campaignCount()).toBe(before);
  });
});
