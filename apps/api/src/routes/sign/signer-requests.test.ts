import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  deliverQueued,
  type Harness,
  MOORTHORPE_HEAD,
  MOORTHORPE_SCHOOL_ADMIN,
  OTHER_ADMIN,
  publishStaffPolicy,
  startHarness,
} from '../../testing/harness.ts';

// What a signer can ask for without an account: their link again (from an expired link, or by
// address from an unrecognised link's page) and "I have a question" to their school.

let h: Harness;
let moorthorpe: string;
let campaignId: string;
let policyId: string;
/** Each staff member's address and the link in their first email. */
let links: { email: string; token: string }[] = [];

const linkIn = (text: string | null) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];
const mailTo = (email: string) => h.stack.mail.messages().filter((m) => m.to.includes(email));
const expire = (token: string) =>
  h.sql(
    "update person_links set expires_at = now() - interval '1 day' where token_hash = encode(sha256(convert_to($1, 'utf8')), 'hex')",
    [token],
  );
const recipientOf = async (email: string) =>
  (
    await h.sql<{ id: string; status: string; generation: number; token_hash: string }>(
      `select r.id, r.status, l.generation, l.token_hash from recipients r join people p on p.id = r.person_id
         join person_links l on l.purpose = 'sign' and l.subject_id = r.id
        where r.campaign_id = $1 and p.email = $2`,
      [campaignId, email],
    )
  )[0]!;

beforeAll(async () => {
  h = await startHarness();
  moorthorpe = h.ids.school('pennine', 'moorthorpe');
  policyId = await publishStaffPolicy(h, { clauseText: 'I will keep my passwords to myself.' });
  const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const created = await h.request('POST', '/v1/campaigns', {
    as: ADMIN,
    json: {
      name: 'Staff AUP 2026/27',
      policyId,
      schoolIds: [moorthorpe],
      audiences: ['staff'],
      dueAt,
    },
  });
  campaignId = created.body.id;
  await h.request('POST', `/v1/campaigns/${campaignId}/launch`, { as: ADMIN });
  await deliverQueued(h, h.queue.drain());
  links = h.stack.mail.messages().map((m) => ({ email: m.to[0]!, token: linkIn(m.text)! }));
  expect(links.length).toBeGreaterThan(8);
  h.stack.mail.clear();
});
afterAll(async () => {
  await h?.stop();
});

describe('an expired link: "email me a fresh link"', () => {
  it('replaces the link: the new one arrives at the address on record and signs; the old one is retired', async () => {
    const { email, token } = links[0]!;
    await expire(token);
    expect((await h.request('GET', `/v1/sign/${token}`)).body.error.code).toBe('LINK_EXPIRED');

    const asked = await h.request('POST', `/v1/links/${token}/fresh-link`);
    expect(asked.status).toBe(202);
    expect(asked.body.message).toMatch(/emailed a new link/);
    const mail = mailTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Your link to read and sign: Staff Acceptable Use Agreement 2026/27');
    expect(mail[0]!.text).toContain('Your old link has stopped working');
    const fresh = linkIn(mail[0]!.text)!;
    expect(fresh).not.toBe(token);
    expect((await recipientOf(email)).generation).toBe(1);

    expect((await h.request('GET', `/v1/sign/${token}`)).status).toBe(404);
    expect((await h.request('POST', `/v1/links/${token}/fresh-link`)).status).toBe(404);
    const page = await h.request('GET', `/v1/sign/${fresh}`);
    expect(page.status).toBe(200);
    expect(page.body.status).toBe('pending');
    const signed = await h.request('POST', `/v1/sign/${fresh}`, {
      json: { typedName: 'Fresh Link', statements: page.body.statements },
    });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('signed');
  });

  it('sends at most one email per 10 minutes, however often it is asked', async () => {
    const { email, token } = links[1]!;
    await expire(token);
    const first = await h.request('POST', `/v1/links/${token}/fresh-link`);
    expect(first.status).toBe(202);
    // The old link is retired by the first request: asking again from it is an unknown link.
    expect((await h.request('POST', `/v1/links/${token}/fresh-link`)).status).toBe(404);
    // By address, within the cooldown: the same answer, no second email.
    const again = await h.request('POST', '/v1/links/fresh-link', { json: { email } });
    expect(again.status).toBe(202);
    expect(mailTo(email)).toHaveLength(1);
  });

  it('refuses forged, signed and withdrawn links with their own errors, and changes nothing', async () => {
    expect((await h.request('POST', `/v1/links/${'A'.repeat(43)}/fresh-link`)).status).toBe(404);
    expect((await h.request('POST', '/v1/links/not-a-token/fresh-link')).status).toBe(404);

    const { email, token } = links[2]!;
    const page = await h.request('GET', `/v1/sign/${token}`);
    await h.request('POST', `/v1/sign/${token}`, {
      json: { typedName: 'Already Signed', statements: page.body.statements },
    });
    h.stack.mail.clear();
    const signed = await h.request('POST', `/v1/links/${token}/fresh-link`);
    expect(signed.status).toBe(409);
    expect(signed.body.error.message).toMatch(/already signed/);

    const withdrawn = links[3]!;
    await h.sql("update recipients set status = 'withdrawn' where id = $1", [
      (await recipientOf(withdrawn.email)).id,
    ]);
    const before = await recipientOf(withdrawn.email);
    const refused = await h.request('POST', `/v1/links/${withdrawn.token}/fresh-link`);
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('LINK_WITHDRAWN');
    expect(await recipientOf(withdrawn.email)).toEqual(before);
    expect(mailTo(email)).toHaveLength(0);
    expect(mailTo(withdrawn.email)).toHaveLength(0);
  });
});

describe('an unrecognised link: "email me my link" by address', () => {
  it('mails the link to a known address (any case), and answers an unknown one identically', async () => {
    const { email, token } = links[4]!;
    const known = await h.request('POST', '/v1/links/fresh-link', { json: { email: email.toUpperCase() } });
    const unknown = await h.request('POST', '/v1/links/fresh-link', {
      json: { email: 'nobody.here@example.org' },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.text).toBe(known.text);
    const mail = mailTo(email);
    expect(mail).toHaveLength(1);
    // Not expired, so it is the same link as before (nothing retired).
    expect(linkIn(mail[0]!.text)).toBe(token);
    expect(mail[0]!.text).toContain('the same link as in your earlier emails');
    expect(mailTo('nobody.here@example.org')).toHaveLength(0);
  });

  it('sends nothing for someone who has already signed', async () => {
    const { email } = links[2]!; // signed above
    h.stack.mail.clear();
    const asked = await h.request('POST', '/v1/links/fresh-link', { json: { email } });
    expect(asked.status).toBe(202);
    expect(mailTo(email)).toHaveLength(0);
  });

  it('refuses a body that is not an address', async () => {
    const before = await h.sql('select id, token_hash, requested_at from person_links order by id');
    for (const json of [{ email: 'not an address' }, { email: 42 }, {}, { email: 'a@b.org', extra: 1 }]) {
      expect((await h.request('POST', '/v1/links/fresh-link', { json })).status).toBe(422);
    }
    const malformed = await h.request('POST', '/v1/links/fresh-link', {
      body: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(await h.sql('select id, token_hash, requested_at from person_links order by id')).toEqual(before);
  });
});

describe('"I have a question"', () => {
  it("goes to the school's head and school admins with the signer as reply-to, and is kept for the campaign page", async () => {
    const { email, token } = links[5]!;
    h.stack.mail.clear();
    const asked = await h.request('POST', `/v1/sign/${token}/questions`, {
      json: { question: 'Does the phone rule apply on trips?\nI lead the Year 6 residential.' },
    });
    expect(asked.status).toBe(201);
    expect(asked.body.message).toBe(
      'Your question has gone to Moorthorpe Primary School with Inclusion Resource. They will reply by email.',
    );
    const mail = h.stack.mail.messages();
    expect(mail).toHaveLength(1);
    // The head and the school office (its school admin), as the page says.
    expect(mail[0]!.to).toEqual([MOORTHORPE_SCHOOL_ADMIN, MOORTHORPE_HEAD]);
    expect(mail[0]!.reply_to).toEqual([email]);
    expect(mail[0]!.subject).toMatch(/^Question about Staff Acceptable Use Agreement from /);
    expect(mail[0]!.text).toContain('> Does the phone rule apply on trips?');
    const rows = await h.sql<{ body: string; school_id: string }>(
      'select q.body, q.school_id from signer_questions q join recipients r on r.id = q.recipient_id where r.email = $1',
      [email],
    );
    expect(rows).toEqual([
      { body: 'Does the phone rule apply on trips?\nI lead the Year 6 residential.', school_id: moorthorpe },
    ]);
  });

  it('allows five a day, then answers 429 and keeps nothing more', async () => {
    const { token } = links[6]!;
    for (let i = 1; i <= 5; i++) {
      const asked = await h.request('POST', `/v1/sign/${token}/questions`, {
        json: { question: `Question ${i}` },
      });
      expect(asked.status).toBe(201);
    }
    const sixth = await h.request('POST', `/v1/sign/${token}/questions`, {
      json: { question: 'Question 6' },
    });
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('TOO_MANY_REQUESTS');
    const [count] = await h.sql<{ n: number }>(
      "select count(*)::int as n from signer_questions where body like 'Question %'",
    );
    expect(count!.n).toBe(5);
  });

  it('refuses blank, huge and malformed questions, forged and withdrawn links', async () => {
    const { token } = links[7]!;
    const [before] = await h.sql<{ n: number }>('select count(*)::int as n from signer_questions');
    expect(
      (await h.request('POST', `/v1/sign/${token}/questions`, { json: { question: '   ' } })).status,
    ).toBe(422);
    expect(
      (await h.request('POST', `/v1/sign/${token}/questions`, { json: { question: 'x'.repeat(2001) } }))
        .status,
    ).toBe(422);
    expect((await h.request('POST', `/v1/sign/${token}/questions`, { json: { question: 7 } })).status).toBe(
      422,
    );
    expect(
      (await h.request('POST', `/v1/sign/${'B'.repeat(43)}/questions`, { json: { question: 'Hello?' } }))
        .status,
    ).toBe(404);
    const withdrawn = await h.request('POST', `/v1/sign/${links[3]!.token}/questions`, {
      json: { question: 'Why was I withdrawn?' },
    });
    expect(withdrawn.status).toBe(410);
    const [after] = await h.sql<{ n: number }>('select count(*)::int as n from signer_questions');
    expect(after!.n).toBe(before!.n);
  });
});

describe('the campaign page: questions and the email preview', () => {
  it('lists the questions asked, newest first, to the trust admin and the school head only', async () => {
    const listed = await h.request('GET', `/v1/campaigns/${campaignId}/questions?schoolId=${moorthorpe}`, {
      as: MOORTHORPE_HEAD,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.data.length).toBe(6); // one about trips, five numbered
    expect(listed.body.data[0]).toMatchObject({ question: 'Question 5', schoolId: moorthorpe });
    expect(listed.body.data.at(-1)).toMatchObject({
      question: 'Does the phone rule apply on trips?\nI lead the Year 6 residential.',
      email: links[5]!.email,
    });
    const admin = await h.request('GET', `/v1/campaigns/${campaignId}/questions`, { as: ADMIN });
    expect(admin.body.data).toHaveLength(6);
    expect(
      (await h.request('GET', `/v1/campaigns/${campaignId}/questions`, { as: OTHER_ADMIN })).status,
    ).toBe(404);
  });

  it('previews the email as any recipient, with a placeholder link and no token minted', async () => {
    const first = await h.request('GET', `/v1/campaigns/${campaignId}/preview`, { as: ADMIN });
    expect(first.status).toBe(200);
    expect(first.body.candidates.length).toBeGreaterThan(8);
    const someone = first.body.candidates[3];
    const preview = await h.request(
      'GET',
      `/v1/campaigns/${campaignId}/preview?personId=${someone.personId}`,
      {
        as: MOORTHORPE_HEAD,
      },
    );
    expect(preview.status).toBe(200);
    expect(preview.body.person).toMatchObject({ id: someone.personId, name: someone.name });
    expect(preview.body.subject).toMatch(
      /^Please read and sign: Staff Acceptable Use Agreement \(2026\/27\), by /,
    );
    expect(preview.body.text).toContain(`Dear ${someone.name},`);
    expect(preview.body.text).toContain('/sign/your-own-link');
    expect(preview.body.html).toContain('Read and sign');
    expect(linkIn(preview.body.text)).toBeUndefined();

    const stranger = h.ids.person('riverside', 'g.okafor@riverside.example.org');
    const refused = await h.request('GET', `/v1/campaigns/${campaignId}/preview?personId=${stranger}`, {
      as: ADMIN,
    });
    expect(refused.status).toBe(404);
    expect((await h.request('GET', `/v1/campaigns/${campaignId}/preview`, { as: OTHER_ADMIN })).status).toBe(
      404,
    );
  });

  it('previews a draft as someone in its audiences, before anyone is a recipient', async () => {
    const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const draft = await h.request('POST', '/v1/campaigns', {
      as: ADMIN,
      json: {
        name: 'Draft',
        policyId,
        schoolIds: [moorthorpe],
        audiences: ['staff'],
        dueAt,
        message: 'Please sign by Friday.',
      },
    });
    const preview = await h.request('GET', `/v1/campaigns/${draft.body.id}/preview`, { as: ADMIN });
    expect(preview.status).toBe(200);
    expect(preview.body.published).toBe(true);
    expect(preview.body.text).toContain('Please sign by Friday.');
    expect(preview.body.from).toBe(
      '"Moorthorpe Primary School with Inclusion Resource via Attest" <no-reply@attest.example.org>',
    );
    const [recipients] = await h.sql<{ n: number }>(
      'select count(*)::int as n from recipients where campaign_id = $1',
      [draft.body.id],
    );
    expect(recipients!.n).toBe(0);
  });
});

describe('signing the version that was shown', () => {
  it('refuses a signature for a version the link no longer carries (409), and records the right one', async () => {
    const { token } = links[8]!;
    const page = await h.request('GET', `/v1/sign/${token}`);
    const stale = await h.request('POST', `/v1/sign/${token}`, {
      json: { versionId: crypto.randomUUID(), typedName: 'Stale Page', statements: page.body.statements },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CHANGED');
    const [none] = await h.sql<{ n: number }>(
      "select count(*)::int as n from signatures where typed_name = 'Stale Page'",
    );
    expect(none!.n).toBe(0);
    const signed = await h.request('POST', `/v1/sign/${token}`, {
      json: {
        versionId: page.body.policy.versionId,
        typedName: 'Right Page',
        statements: page.body.statements,
      },
    });
    expect(signed.status).toBe(200);
    expect(signed.body.signature.typedName).toBe('Right Page');
  });
});
