import { collapse, readPdf } from '@attest/core/pdf/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type ApiResponse,
  deliverQueued,
  demoIds,
  MOORTHORPE_HEAD,
  OTHER_ADMIN,
  publishStaffPolicy,
  tableCounts,
} from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

// The PDFs a person downloads: the signer's copy from their link, the admin's copy of one
// signature, and a school's evidence pack. Read back with a real PDF parser (PDF.js): the text as
// the signer read it, in plain English, and the exact stored text attached to the file.

const CASTLE_HEAD = 't.whitaker@castlelane.example.org';
const CLAUSE = 'I won’t share the passwords “{{school.name}}” gives me — not even for £5 at the café.';
/** Words only a developer would write: the stored text's markers and the signer's field keys. */
const DEVELOPER_WORDS = /attest-policy-v\d|\bschool:|\bfields:|(?:^|\s)##?\s|\bfullName\b|\bjobTitle\b/;

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');
let campaignId: string;
let draftId: string;
let sha256: string;
let clauseText: string;
/** Signed: [token, recipient id, typed name]. */
const signed: { token: string; recipientId: string; name: string }[] = [];
let unsigned: { token: string; recipientId: string; name: string };

const linkIn = (text: string | null) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];

/** The raw bytes of a response (the harness reads bodies as text). */
async function download(path: string, as?: string) {
  const headers: Record<string, string> = as ? { authorization: `Bearer ${await h.token(as)}` } : {};
  const res = await h.app.request(path, { headers }, { ...h.env, WORK_QUEUE: h.queue });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
  };
}

beforeAll(async () => {
  const policyId = await publishStaffPolicy(h, { clauseText: CLAUSE, heading: 'Passwords' });
  const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const create = (name: string) =>
    h.request('POST', '/v1/campaigns', {
      as: ADMIN,
      json: { name, policyId, schoolIds: [moorthorpe], audiences: ['staff'], dueAt },
    });
  campaignId = (await create('Staff AUP 2026/27')).body.id;
  draftId = (await create('Not sent yet')).body.id;
  await h.request('POST', `/v1/campaigns/${campaignId}/launch`, { as: ADMIN });
  h.stack.mail.clear();
  await deliverQueued(h, h.queue.drain());
  const tokens = h.stack.mail.messages().map((m) => linkIn(m.text)!);

  const pages: ApiResponse[] = [];
  for (const token of tokens.slice(0, 3)) pages.push(await h.request('GET', `/v1/sign/${token}`));
  sha256 = pages[0]!.body.policy.sha256;
  clauseText = pages[0]!.body.policy.content.sections[0].clauses[0].text;
  const recipients = (await h.request('GET', `/v1/campaigns/${campaignId}/recipients`, { as: ADMIN })).body
    .data as { id: string; name: string }[];
  const idOf = (name: string) => recipients.find((r) => r.name === name)!.id;
  for (const [i, page] of pages.slice(0, 2).entries()) {
    const res = await h.request('POST', `/v1/sign/${tokens[i]}`, {
      json: { typedName: page.body.person.name, jobTitle: 'Teacher', statements: page.body.statements },
      headers: { 'user-agent': 'Test Phone', 'cf-connecting-ip': `198.51.100.${i + 7}` },
    });
    expect(res.status).toBe(200);
    signed.push({ token: tokens[i]!, recipientId: idOf(page.body.person.name), name: page.body.person.name });
  }
  const third = pages[2]!.body.person.name;
  unsigned = { token: tokens[2]!, recipientId: idOf(third), name: third };
});

const expectPdf = (res: { status: number; headers: Headers }, fileName: RegExp) => {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toMatch(fileName);
  expect(res.headers.get('cache-control')).toContain('no-store');
};

describe('signed copies: happy', () => {
  it('lets the signer download their copy: the exact clause, the fingerprint, their name and what they ticked', async () => {
    const res = await download(`/v1/sign/${signed[0]!.token}/copy.pdf`);
    expectPdf(res, /^attachment; filename="signed-staff-acceptable-use-agreement-2026-27-[a-z-]+\.pdf"$/);
    const pdf = await readPdf(res.bytes);
    expect(pdf.info.Title).toBe(`Signed copy: Staff Acceptable Use Agreement 2026/27, ${signed[0]!.name}`);
    expect(pdf.text).toContain('Moorthorpe Primary School with Inclusion Resource');
    expect(pdf.text).toContain(`Signed by ${signed[0]!.name}`);
    expect(pdf.text).toContain('Job title Teacher');
    expect(pdf.text).toContain('I have read and agree to this agreement.');
    expect(clauseText).toContain(
      '“Moorthorpe Primary School with Inclusion Resource” gives me — not even for £5 at the café.',
    );
    expect(pdf.text).toContain(collapse(clauseText));
    expect(pdf.text).toContain('The signer fills in: Signature, Date, Full name and Job title.');
    expect(pdf.text).not.toMatch(DEVELOPER_WORDS);
    const [version] = await h.sql<{ canonical_text: string }>(
      'select canonical_text from policy_versions where sha256 = $1',
      [sha256],
    );
    // The fingerprint is checked against the attached file, exactly the stored text.
    expect(Object.values(pdf.attachments)).toEqual([version!.canonical_text]);
    for (const page of pdf.pages) expect(collapse(page)).toContain(`SHA-256 of the signed text: ${sha256}`);
    // Downloading again gives the same file: it is dated by the signature, not by the download.
    const again = await download(`/v1/sign/${signed[0]!.token}/copy.pdf`);
    expect(Buffer.from(again.bytes).equals(Buffer.from(res.bytes))).toBe(true);
  });

  it('gives an admin, and the school’s head, the same copy from the drill-down', async () => {
    const path = `/v1/campaigns/${campaignId}/recipients/${signed[1]!.recipientId}/copy.pdf`;
    for (const as of [ADMIN, MOORTHORPE_HEAD]) {
      const res = await download(path, as);
      expectPdf(res, /^attachment; filename="signed-[a-z0-9-]+\.pdf"$/);
      const pdf = await readPdf(res.bytes);
      expect(pdf.text).toContain(`Signed by ${signed[1]!.name}`);
      expect(pdf.text).toContain(collapse(clauseText));
      expect(pdf.text).toContain(sha256);
    }
  });
});

describe('evidence pack: happy', () => {
  it('holds the cover, the exact text and its hash, every signature, and who has not signed', async () => {
    const before = (await h.sql<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n;
    const started = performance.now();
    const res = await download(`/v1/campaigns/${campaignId}/schools/${moorthorpe}/evidence.pdf`, ADMIN);
    const ms = performance.now() - started;
    expectPdf(
      res,
      /^attachment; filename="evidence-moorthorpe-primary-school-with-inclusion-staff-aup-2026-27\.pdf"$/,
    );
    const pdf = await readPdf(res.bytes);
    const total = (
      await h.sql<{ n: number }>('select count(*)::int as n from recipients where campaign_id = $1', [
        campaignId,
      ])
    )[0]!.n;
    console.log(
      `evidence pack, ${total} people: ${pdf.pages.length} pages, ${res.bytes.length} bytes, ${ms.toFixed(0)} ms`,
    );

    const cover = collapse(pdf.pages[0]!);
    expect(cover).toContain('Pennine Learning Trust');
    expect(cover).toContain('Evidence pack: Moorthorpe Primary School with Inclusion Resource');
    expect(cover).toContain('Campaign Staff AUP 2026/27');
    expect(cover).toContain('Policy Staff Acceptable Use Agreement');
    expect(cover).toContain(`Signed 2 of ${total}`);
    expect(cover).toContain(`Not signed yet ${total - 2}`);
    expect(cover).toContain('by Alex Morgan');
    expect(pdf.text).toContain('The text: Version 1 (2026/27)');
    expect(pdf.text).toContain(collapse(clauseText));
    expect(pdf.text).toContain(sha256);
    expect(pdf.text).not.toMatch(DEVELOPER_WORDS);
    const [version] = await h.sql<{ canonical_text: string }>(
      'select canonical_text from policy_versions where sha256 = $1',
      [sha256],
    );
    expect(Object.values(pdf.attachments)).toEqual([version!.canonical_text]);
    for (const page of pdf.pages) expect(collapse(page)).toContain(`SHA-256 of the signed text: ${sha256}`);
    expect(pdf.text).toContain('Signatures (2)');
    for (const [i, s] of signed.entries())
      expect(pdf.text).toMatch(
        new RegExp(
          `${s.name} Teacher \\d{1,2} \\w+ \\d{4} at \\d\\d:\\d\\d 198\\.51\\.100\\.${i + 7} Test Phone 2026/27`,
        ),
      );
    expect(pdf.text).toContain(`Not signed yet (${total - 2})`);
    expect(pdf.text).toMatch(new RegExp(`${unsigned.name} .*?Email sent`));

    // Evidence leaving the system is recorded: who took it, when, for which school.
    const audit = await h.sql<{ action: string; actor_email: string; summary: string; after: unknown }>(
      'select action, actor_email, summary, after from audit_log order by created_at desc limit 1',
    );
    expect((await h.sql<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n).toBe(before + 1);
    expect(audit[0]).toMatchObject({
      action: 'campaign.evidence_downloaded',
      actor_email: ADMIN,
      summary:
        'Downloaded the evidence pack for Moorthorpe Primary School with Inclusion Resource (“Staff AUP 2026/27”)',
      after: { schoolId: moorthorpe },
    });
  });

  it('lets the school’s head download their own school’s pack, and records it', async () => {
    const res = await download(
      `/v1/campaigns/${campaignId}/schools/${moorthorpe}/evidence.pdf`,
      MOORTHORPE_HEAD,
    );
    expectPdf(res, /evidence-moorthorpe/);
    const [last] = await h.sql<{ actor_email: string }>(
      'select actor_email from audit_log order by created_at desc limit 1',
    );
    expect(last!.actor_email).toBe(MOORTHORPE_HEAD);
  });

  it('lists the three downloads in the OpenAPI document as application/pdf', async () => {
    const doc = (await h.request('GET', '/openapi.json')).body;
    for (const path of [
      '/v1/sign/{token}/copy.pdf',
      '/v1/campaigns/{id}/recipients/{recipientId}/copy.pdf',
      '/v1/campaigns/{id}/schools/{schoolId}/evidence.pdf',
    ])
      expect(Object.keys(doc.paths[path].get.responses['200'].content)).toEqual(['application/pdf']);
  });
});

describe('signed copies and evidence: error', () => {
  it('explains that there is no copy before signing, to the signer and to an admin', async () => {
    const signer = await download(`/v1/sign/${unsigned.token}/copy.pdf`);
    expect(signer.status).toBe(409);
    expect(signer.body.error).toMatchObject({ code: 'NOT_SIGNED' });
    expect(signer.body.error.message).toContain('You have not signed this yet');
    const admin = await download(
      `/v1/campaigns/${campaignId}/recipients/${unsigned.recipientId}/copy.pdf`,
      ADMIN,
    );
    expect(admin.status).toBe(409);
    expect(admin.body.error.message).toBe(
      `${unsigned.name} has not signed this yet, so there is no signed copy to download.`,
    );
  });

  it('answers unknown and forged links with LINK_NOT_FOUND, and withdrawn ones with 410', async () => {
    for (const token of ['A'.repeat(43), "' or 1=1 --", 'x']) {
      const res = await download(`/v1/sign/${encodeURIComponent(token)}/copy.pdf`);
      expect(res.status, token).toBe(404);
      expect(res.body.error.code).toBe('LINK_NOT_FOUND');
    }
    await h.sql("update recipients set status = 'withdrawn' where id = $1", [unsigned.recipientId]);
    try {
      const res = await download(`/v1/sign/${unsigned.token}/copy.pdf`);
      expect(res.status).toBe(410);
      expect(res.body.error.code).toBe('LINK_WITHDRAWN');
    } finally {
      await h.sql("update recipients set status = 'sent' where id = $1", [unsigned.recipientId]);
    }
  });

  it('has no pack for a campaign not sent yet, nor for a school outside the campaign', async () => {
    const draft = await download(`/v1/campaigns/${draftId}/schools/${moorthorpe}/evidence.pdf`, ADMIN);
    expect(draft.status).toBe(409);
    expect(draft.body.error.message).toContain('has not been sent yet');
    const castle = h.ids.school('pennine', 'castle-lane');
    expect((await download(`/v1/campaigns/${campaignId}/schools/${castle}/evidence.pdf`, ADMIN)).status).toBe(
      404,
    );
    // A malformed id is answered like a missing one.
    expect(
      (await download(`/v1/campaigns/${campaignId}/schools/not-a-uuid/evidence.pdf`, ADMIN)).status,
    ).toBe(404);
  });
});

describe('signed copies and evidence: security', () => {
  it('answers another trust, and a head of another school, with 404, writing nothing', async () => {
    const before = await tableCounts(h);
    const riverside = h.ids.school('riverside', 'riverside-primary');
    const copy = `/v1/campaigns/${campaignId}/recipients/${signed[0]!.recipientId}/copy.pdf`;
    const pack = `/v1/campaigns/${campaignId}/schools/${moorthorpe}/evidence.pdf`;
    for (const as of [OTHER_ADMIN, CASTLE_HEAD]) {
      for (const path of [copy, pack]) {
        const res = await download(path, as);
        expect(res.status, `${as} ${path}`).toBe(404);
        expect(res.headers.get('content-type')).toContain('json');
      }
    }
    // Our campaign with another trust's school, or another campaign's recipient: 404 too.
    expect(
      (await download(`/v1/campaigns/${campaignId}/schools/${riverside}/evidence.pdf`, ADMIN)).status,
    ).toBe(404);
    expect(
      (await download(`/v1/campaigns/${draftId}/recipients/${signed[0]!.recipientId}/copy.pdf`, ADMIN))
        .status,
    ).toBe(404);
    expect((await download(copy)).status).toBe(401);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('never puts the link’s token in the signer’s PDF', async () => {
    const res = await download(`/v1/sign/${signed[0]!.token}/copy.pdf`);
    const pdf = await readPdf(res.bytes);
    expect(pdf.text).not.toContain(signed[0]!.token);
    expect(res.headers.get('content-disposition')).not.toContain(signed[0]!.token);
  });
});
