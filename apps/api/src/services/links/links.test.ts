import { deriveToken, hashToken } from '@attest/core';
import { stableUuid } from '@attest/db/seed/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { publicRoutesOf } from '../../lib/public-routes.ts';
import {
  ADMIN,
  deliverQueued,
  type Harness,
  OTHER_ADMIN,
  publishStaffPolicy,
  startHarness,
  TEST_TOKEN_SECRET,
} from '../../testing/harness.ts';

// One link machinery for every emailed task (services/links, docs/adr/0011). Links opened here
// are real tokens, derived as the API derives them or taken from the caught mail.

let h: Harness;
const DAY = 86_400_000;
const linkIn = (text: string | null) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];
const linksIn = (text: string | null) =>
  [...(text ?? '').matchAll(/\/sign\/([A-Za-z0-9_-]{43})/g)].map((m) => m[1]!);
const mailTo = (email: string) => h.stack.mail.messages().filter((m) => m.to.includes(email));

/** Launches a campaign of the test policy at one school as `admin`, delivered; answers its id. */
async function sendCampaign(admin: string, schoolId: string, policyId: string, name: string) {
  const dueAt = new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10);
  const campaign = await h.request('POST', '/v1/campaigns', {
    as: admin,
    json: { name, policyId, schoolIds: [schoolId], audiences: ['staff'], dueAt },
  });
  expect(campaign.status).toBe(201);
  const launched = await h.request('POST', `/v1/campaigns/${campaign.body.id}/launch`, { as: admin });
  expect(launched.status).toBe(202);
  await deliverQueued(h, h.queue.drain());
  return campaign.body.id as string;
}

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('links: each purpose opens only its own task', () => {
  it('answers a real link of another purpose, a forged one and a sign link minted for another purpose as unknown', async () => {
    const policyId = await publishStaffPolicy(h);
    const moorthorpe = h.ids.school('pennine', 'moorthorpe');
    h.stack.mail.clear();
    const campaignId = await sendCampaign(ADMIN, moorthorpe, policyId, 'Purpose check');
    const [mail] = h.stack.mail.messages();
    const token = linkIn(mail!.text)!;
    expect((await h.request('GET', `/v1/sign/${token}`)).status).toBe(200);

    // A loan-agreement link for the same person: a real token, stored as the API stores them.
    const [link] = await h.sql<{ id: string; person_id: string; trust_id: string }>(
      `select l.id, l.person_id, l.trust_id from person_links l join recipients r on r.id = l.subject_id
        where r.campaign_id = $1 limit 1`,
      [campaignId],
    );
    const loanLinkId = crypto.randomUUID();
    const loanToken = await deriveToken(TEST_TOKEN_SECRET, 'loan_agreement', loanLinkId);
    await h.sql(
      `insert into person_links (id, trust_id, person_id, purpose, subject_id, token_hash, expires_at)
       values ($1, $2, $3, 'loan_agreement', gen_random_uuid(), $4, now() + interval '30 days')`,
      [loanLinkId, link!.trust_id, link!.person_id, await hashToken(loanToken)],
    );
    for (const path of [`/v1/sign/${loanToken}`, `/v1/sign/${loanToken}/copy.pdf`]) {
      const res = await h.request('GET', path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('LINK_NOT_FOUND');
    }
    const signAsLoan = await h.request('POST', `/v1/sign/${loanToken}`, {
      json: { typedName: 'Someone', statements: ['I have read and agree to this agreement.'] },
    });
    expect(signAsLoan.status).toBe(404);
    // The sign link's own id under another purpose is another token altogether.
    const wrongPurpose = await deriveToken(TEST_TOKEN_SECRET, 'device_check', link!.id);
    expect((await h.request('GET', `/v1/sign/${wrongPurpose}`)).status).toBe(404);
    // Forged: well-formed, never issued.
    expect((await h.request('GET', `/v1/sign/${'Z'.repeat(43)}`)).status).toBe(404);
    const [signatures] = await h.sql<{ n: number }>('select count(*)::int as n from signatures');
    expect(signatures!.n).toBe(0);
  });

  it('withdraws a leaver’s link (410) and gives the same link back when they rejoin', async () => {
    const policyId = await publishStaffPolicy(h);
    const castleLane = h.ids.school('pennine', 'castle-lane');
    h.stack.mail.clear();
    await sendCampaign(ADMIN, castleLane, policyId, 'Withdrawal check');
    const [mail] = h.stack.mail.messages();
    const token = linkIn(mail!.text)!;
    const [person] = await h.sql<{ id: string }>('select id from people where email = $1', [mail!.to[0]]);
    const left = await h.request('POST', `/v1/people/${person!.id}/leave`, {
      as: ADMIN,
      json: { schoolId: castleLane },
    });
    expect(left.status).toBe(200);
    const withdrawn = await h.request('GET', `/v1/sign/${token}`);
    expect(withdrawn.status).toBe(410);
    expect(withdrawn.body.error.code).toBe('LINK_WITHDRAWN');
    expect((await h.request('POST', `/v1/links/${token}/fresh-link`)).body.error.code).toBe('LINK_WITHDRAWN');

    await h.request('POST', `/v1/people/${person!.id}/rejoin`, { as: ADMIN, json: { schoolId: castleLane } });
    expect((await h.request('GET', `/v1/sign/${token}`)).status).toBe(200);
  });
});

describe('links: "email me my links" by address', () => {
  it('mails one message listing every open task of that address, across trusts, each link opening its own', async () => {
    // The same person works at a Pennine school and at Riverside: two trusts, one address.
    const hollinBank = h.ids.school('pennine', 'hollin-bank');
    const riverside = h.ids.school('riverside', 'riverside-primary');
    const email = 'sam.dual@example.org';
    const inPennine = await h.request('POST', '/v1/people', {
      as: ADMIN,
      json: { name: 'Sam Dual', email, schoolId: hollinBank, role: 'staff' },
    });
    const inRiverside = await h.request('POST', '/v1/people', {
      as: OTHER_ADMIN,
      json: { name: 'Sam Dual', email, schoolId: riverside, role: 'staff' },
    });
    expect([inPennine.status, inRiverside.status]).toEqual([201, 201]);
    const penninePolicy = await publishStaffPolicy(h);
    const riversideClause = await h.request('POST', '/v1/clauses', {
      as: OTHER_ADMIN,
      json: { category: 'passwords_access', title: 'Passwords', text: 'I will keep my password private.' },
    });
    const riversidePolicy = await h.request('POST', '/v1/policies', {
      as: OTHER_ADMIN,
      json: {
        title: 'Riverside Staff Code',
        audiences: ['staff'],
        sections: [{ heading: null, clauseIds: [riversideClause.body.id] }],
      },
    });
    await h.request('POST', `/v1/policies/${riversidePolicy.body.id}/publish`, { as: OTHER_ADMIN, json: {} });
    await sendCampaign(ADMIN, hollinBank, penninePolicy, 'Pennine round');
    await sendCampaign(OTHER_ADMIN, riverside, riversidePolicy.body.id, 'Riverside round');
    h.stack.mail.clear();

    const known = await h.request('POST', '/v1/links/fresh-link', {
      json: { email: 'SAM.DUAL@example.org' },
    });
    const unknown = await h.request('POST', '/v1/links/fresh-link', {
      json: { email: 'nobody@example.org' },
    });
    expect(known.status).toBe(202);
    expect(unknown.text).toBe(known.text);
    const mail = mailTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Your 2 links: what your school has asked you to do');
    expect(mail[0]!.text).toContain('Staff Acceptable Use Agreement 2026/27');
    expect(mail[0]!.text).toContain('Riverside Staff Code');
    const tokens = linksIn(mail[0]!.text);
    expect(tokens).toHaveLength(2);
    const schools = [];
    for (const token of tokens) {
      const page = await h.request('GET', `/v1/sign/${token}`);
      expect(page.status).toBe(200);
      schools.push(page.body.schoolName);
    }
    expect(schools.sort()).toEqual(['Hollin Bank Primary School', 'Riverside Primary School']);
    expect(mailTo('nobody@example.org')).toHaveLength(0);

    // Asked again at once: the cooldown holds, nothing more is sent, the answer is the same.
    const again = await h.request('POST', '/v1/links/fresh-link', { json: { email } });
    expect(again.text).toBe(known.text);
    expect(mailTo(email)).toHaveLength(1);
  });
});

describe('links: an email change retires the old link', () => {
  it('stops the old link working, sends the new one to the new address only, and tells the old address', async () => {
    const policyId = await publishStaffPolicy(h);
    const stMichaels = h.ids.school('pennine', 'st-michaels');
    h.stack.mail.clear();
    await sendCampaign(ADMIN, stMichaels, policyId, 'Address check');
    const [first] = h.stack.mail.messages();
    const oldEmail = first!.to[0]!;
    const oldToken = linkIn(first!.text)!;
    const [person] = await h.sql<{ id: string }>('select id from people where email = $1', [oldEmail]);
    h.stack.mail.clear();

    const changed = await h.request('PATCH', `/v1/people/${person!.id}`, {
      as: ADMIN,
      json: { email: 'new.address@stmichaels.example.org' },
    });
    expect(changed.status).toBe(200);
    const old = await h.request('GET', `/v1/sign/${oldToken}`);
    expect(old.status).toBe(404);
    expect(old.body.error.code).toBe('LINK_NOT_FOUND');

    const toNew = mailTo('new.address@stmichaels.example.org');
    expect(toNew).toHaveLength(1);
    expect(toNew[0]!.text).toContain('Your old link has stopped working');
    const newToken = linkIn(toNew[0]!.text)!;
    expect(newToken).not.toBe(oldToken);
    expect((await h.request('GET', `/v1/sign/${newToken}`)).status).toBe(200);

    const toOld = mailTo(oldEmail);
    expect(toOld).toHaveLength(1);
    expect(toOld[0]!.subject).toBe(
      `Your email address at St Michael's C of E Infant School has been changed`,
    );
    expect(toOld[0]!.text).toContain('stopped working');
    expect(toOld[0]!.text).not.toContain('new.address');
    expect(linkIn(toOld[0]!.text)).toBeUndefined();
  });
});

describe('links: public routes are declared, not guessed from the path', () => {
  it('lets through exactly the operations that say security: [], and asks for a session everywhere else', async () => {
    const declared = publicRoutesOf(createApp())
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(declared).toEqual([
      'GET /health',
      'GET /v1/sign/{token}',
      'GET /v1/sign/{token}/copy.pdf',
      'POST /v1/links/fresh-link',
      'POST /v1/links/{token}/fresh-link',
      'POST /v1/sign/{token}',
      'POST /v1/sign/{token}/questions',
      'POST /webhooks/resend',
    ]);
    // Under /v1/sign/ but not a declared public operation: a session is asked for, as anywhere.
    for (const [method, path] of [
      ['GET', `/v1/sign/${'A'.repeat(43)}/anything-else`],
      ['DELETE', `/v1/sign/${'A'.repeat(43)}`],
      ['GET', '/v1/links/fresh-link'],
    ] as const) {
      const res = await h.request(method, path);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 401 });
    }
  });
});

describe('links: a link emailed before the link machinery still signs', () => {
  let old: Harness;
  let token: string;
  afterAll(async () => {
    await old?.stop();
  });

  it('mints a link as the release before did, migrates, and signs with it', async () => {
    const recipientId = crypto.randomUUID();
    // Exactly how that release made a signing link: HMAC('sign:<recipient id>:0'), hash stored on the recipient.
    token = await deriveToken(TEST_TOKEN_SECRET, 'sign', recipientId, 0);
    const hash = await hashToken(token);
    old = await startHarness(
      {},
      {
        migratedUpTo: '0009_campaign_reruns',
        write: async (sql) => {
          const trustId = stableUuid('trust:pennine');
          const schoolId = stableUuid('school:pennine:moorthorpe');
          const [person] = await sql(
            `select p.id, p.email from people p join school_memberships m on m.person_id = p.id
            where m.school_id = $1 and m.role = 'staff' order by p.email limit 1`,
            [schoolId],
          );
          const content = {
            title: 'Staff AUP',
            schoolName: 'Moorthorpe',
            intro: [],
            sections: [
              {
                heading: null,
                clauses: [{ number: '1', text: 'I will keep my password private.', children: [] }],
              },
            ],
            statements: ['I agree.'],
            fields: [],
          };
          const [policy] = await sql(
            `insert into policies (trust_id, title) values ($1, 'Staff AUP') returning id`,
            [trustId],
          );
          const [version] = await sql(
            `insert into policy_versions (trust_id, policy_id, school_id, version, label, content, canonical_text, sha256, next_review_at)
           values ($1, $2, $3, 1, '2026/27', $4, 'Staff AUP', repeat('a', 64), '2027-09-01') returning id`,
            [trustId, policy!.id, schoolId, JSON.stringify(content)],
          );
          const [campaign] = await sql(
            `insert into campaigns (trust_id, name, policy_id, school_ids, audiences, due_at, status, launched_at)
           values ($1, 'Old round', $2, array[$3]::uuid[], '{staff}', '2027-01-15', 'sent', now()) returning id`,
            [trustId, policy!.id, schoolId],
          );
          await sql(
            `insert into recipients (id, trust_id, campaign_id, person_id, school_id, policy_version_id, email, token_hash,
                                   token_expires_at, status, batch_no, sends, last_sent_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, now() + interval '60 days', 'delivered', 0, 1, now())`,
            [recipientId, trustId, campaign!.id, person!.id, schoolId, version!.id, person!.email, hash],
          );
        },
      },
    );
    const page = await old.request('GET', `/v1/sign/${token}`);
    expect(page.status).toBe(200);
    expect(page.body.campaignName).toBe('Old round');
    const signed = await old.request('POST', `/v1/sign/${token}`, {
      json: {
        typedName: 'Kept Link',
        statements: page.body.statements,
        versionId: page.body.policy.versionId,
      },
    });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
    const [row] = await old.sql<{ status: string; typed_name: string }>(
      'select r.status, s.typed_name from recipients r join signatures s on s.recipient_id = r.id where r.id = $1',
      [recipientId],
    );
    expect(row).toEqual({ status: 'signed', typed_name: 'Kept Link' });
  });
});
