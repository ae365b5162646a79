import { describe, expect, it } from 'vitest';
import { canonicalText, type RenderedPolicy, sha256Hex } from '../library/render-policy.ts';
import { signatureFieldLabel, signatureFieldsSentence } from '../library/signature-fields.ts';
import { collapse, readPdf } from '../pdf/testing.ts';
import {
  type EvidencePackInput,
  evidencePackDocument,
  pdfFileName,
  renderPdf,
  type SignedCopyInput,
  shortUserAgent,
  signedCopyDocument,
  slug,
} from './index.ts';
import { readablePolicyText } from './policy-text.ts';

const policy: RenderedPolicy = {
  title: 'Staff Acceptable Use Policy',
  schoolName: 'Moorthorpe Primary School',
  intro: ['This policy applies to everyone who works at Moorthorpe – staff, governors and volunteers.'],
  sections: [
    {
      heading: 'Passwords',
      clauses: [
        {
          clauseId: 'c1',
          clauseVersionId: 'v1',
          text: 'I will not disclose any passwords provided to me by Moorthorpe Primary School.',
          children: [],
        },
        {
          clauseId: 'c2',
          clauseVersionId: 'v2',
          text: 'I won’t leave a “logged in” screen unattended — I will lock it, even for a minute, even when I am only stepping out to the café for a £2 coffee.',
          children: [{ text: 'This includes school laptops taken home.', children: [] }],
        },
      ],
    },
  ],
  statements: ['I have read and understood this policy and I agree to follow it.'],
  fields: ['signature', 'date', 'fullName', 'jobTitle', 'dbsNumber'],
};
const text = canonicalText(policy);
const hash = await sha256Hex(text);

/** The policy as its signer read it, in the words the PDFs must use. */
const asRead = [
  'Staff Acceptable Use Policy Moorthorpe Primary School',
  'This policy applies to everyone who works at Moorthorpe – staff, governors and volunteers.',
  'Passwords 1. I will not disclose any passwords provided to me by Moorthorpe Primary School.',
  '2. I won’t leave a “logged in” screen unattended — I will lock it',
  '- This includes school laptops taken home.',
  'What the signer agrees to - I have read and understood this policy and I agree to follow it.',
  'The signer fills in: Signature, Date, Full name, Job title and Dbs number.',
];
/** Words only a developer would write: the stored text's markers, field keys, status codes. */
const DEVELOPER_WORDS =
  /attest-policy-v\d|\bschool:|\bfields:|(?:^|\s)##?\s|\b[a-z]+[A-Z]\w*|\w_\w|\b(?:queued|withdrawn|signature, date)\b/;

/** The attached stored text: exactly the text the fingerprint is of. */
async function expectStoredText(read: Awaited<ReturnType<typeof readPdf>>, expected: string, sha: string) {
  const files = Object.values(read.attachments);
  expect(files).toContain(expected);
  expect(await sha256Hex(files.find((f) => f === expected) ?? '')).toBe(sha);
}

const copy: SignedCopyInput = {
  schoolName: 'Moorthorpe Primary School',
  policyTitle: 'Staff Acceptable Use Policy',
  versionLabel: '2026/27',
  canonicalText: text,
  sha256: hash,
  statements: policy.statements,
  typedName: 'Renée O’Brien',
  jobTitle: 'Teaching assistant',
  signedAt: '2026-09-30T13:05:09.123Z',
};

describe('signed copy: happy', () => {
  it('holds the exact stored text, its fingerprint and what was recorded, in UK time', async () => {
    const doc = signedCopyDocument(copy);
    const pdf = await renderPdf(doc);
    const read = await readPdf(pdf.bytes);
    expect(pdf.replaced).toBe(0);
    expect(read.text).toContain('Staff Acceptable Use Policy 2026/27');
    expect(read.text).toContain('Signed by Renée O’Brien');
    expect(read.text).toContain('Job title Teaching assistant');
    // 13:05 UTC is 14:05 in London in September (BST).
    expect(read.text).toContain('Signed on 30 September 2026 at 14:05 (UK time)');
    expect(read.text).toContain('I have read and understood this policy and I agree to follow it.');
    for (const words of asRead) expect(read.text).toContain(words);
    expect(read.text).not.toMatch(DEVELOPER_WORDS);
    await expectStoredText(read, text, hash);
    expect(Object.keys(read.attachments)).toEqual(['signed-text-staff-acceptable-use-policy-2026-27.txt']);
    for (const page of read.pages) expect(collapse(page)).toContain(`SHA-256 of the signed text: ${hash}`);
    expect(read.info.Title).toBe('Signed copy: Staff Acceptable Use Policy 2026/27, Renée O’Brien');
    expect(read.info.CreationDate).toBe('D:20260930130509Z');
    expect(doc.fileName).toBe('signed-staff-acceptable-use-policy-2026-27-renee-o-brien.pdf');
  });

  it('is the same file every time it is downloaded', async () => {
    const a = await renderPdf(signedCopyDocument(copy));
    const b = await renderPdf(signedCopyDocument({ ...copy }));
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
  });

  it('says so when the text holds characters the font cannot show, and still prints', async () => {
    const odd = `${text}Zaštita podataka: 数据 ✓\n`;
    const pdf = await renderPdf(signedCopyDocument({ ...copy, canonicalText: odd }));
    const read = await readPdf(pdf.bytes);
    expect(read.text).toContain('Zaštita podataka: ?? ?');
    expect(read.text).toContain('3 characters in the text cannot be shown in this PDF');
    expect(read.text).toContain('The attached file keeps them.');
    expect(Object.values(read.attachments)).toEqual([odd]);
  });
});

const people = Array.from({ length: 100 }, (_, i) => `Person ${String(i + 1).padStart(3, '0')}`);
const pack = (over: Partial<EvidencePackInput> = {}): EvidencePackInput => ({
  trustName: 'Pennine Learning Trust',
  schoolName: 'Moorthorpe Primary School',
  campaignName: 'Staff AUP 2026/27',
  policyTitle: 'Staff Acceptable Use Policy',
  launchedAt: '2026-09-01T07:30:00Z',
  dueAt: '2026-09-30',
  producedAt: new Date('2026-10-02T08:00:00Z'),
  producedBy: 'Alex Morgan',
  versions: [
    { label: '2026/27', version: 3, sha256: hash, canonicalText: text, publishedAt: '2026-08-28T10:00:00Z' },
  ],
  signatures: people.map((name, i) => ({
    personName: name,
    typedName: name,
    jobTitle: i % 2 ? 'Teacher' : null,
    signedAt: new Date(Date.UTC(2026, 8, 2, 8, i)).toISOString(),
    ip: `203.0.113.${i}`,
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    versionLabel: '2026/27',
    sha256: hash,
  })),
  outstanding: [
    { personName: 'Dana Late', jobTitle: 'Cook', status: 'delivered', lastSentAt: '2026-09-01T07:31:00Z' },
    { personName: 'Eli Bounce', jobTitle: null, status: 'bounced', lastSentAt: '2026-09-01T07:31:00Z' },
  ],
  ...over,
});

describe('evidence pack: happy', () => {
  it('covers the school, then the exact text, then every signature, then who has not signed', async () => {
    const started = performance.now();
    const doc = evidencePackDocument(pack());
    const pdf = await renderPdf(doc);
    const ms = performance.now() - started;
    const read = await readPdf(pdf.bytes);
    console.log(
      `evidence pack, 100 signatures: ${pdf.pages} pages, ${pdf.bytes.length} bytes, ${ms.toFixed(0)} ms`,
    );
    const cover = collapse(read.pages[0]!);
    expect(cover).toContain('Evidence pack: Moorthorpe Primary School');
    expect(cover).toContain(
      '100 of 102 people have signed Staff Acceptable Use Policy at Moorthorpe Primary School; 2 have not signed yet.',
    );
    expect(cover).toContain('Trust Pennine Learning Trust');
    expect(cover).toContain('Campaign Staff AUP 2026/27');
    expect(cover).toContain('Produced 2 October 2026 at 09:00 (UK time) by Alex Morgan');
    expect(read.text).toContain(`The text: Version 3 (2026/27)`);
    for (const words of asRead) expect(read.text).toContain(words);
    expect(read.text).not.toMatch(DEVELOPER_WORDS);
    await expectStoredText(read, text, hash);
    for (const name of people) expect(read.text).toContain(`${name} `);
    expect(read.text).toContain('Person 002 Teacher 2 September 2026 at 09:01 203.0.113.1');
    expect(read.text).toContain('203.0.113.99 Chrome 126 on Windows 2026/27');
    expect(read.text).toContain('Dana Late Cook Email delivered');
    expect(read.text).toContain('Eli Bounce Email bounced');
    for (const page of read.pages) expect(collapse(page)).toContain(`SHA-256 of the signed text: ${hash}`);
    expect(read.info.Title).toBe('Evidence pack: Staff AUP 2026/27, Moorthorpe Primary School');
    expect(doc.fileName).toBe('evidence-moorthorpe-primary-school-staff-aup-2026-27.pdf');
  });

  it('lists every version signed at the school, each with its fingerprint in the footer', async () => {
    const older = {
      label: 'Version 2',
      version: 2,
      sha256: 'a'.repeat(64),
      canonicalText: 'attest-policy-v1\n# Old\n',
      publishedAt: '2025-09-01T10:00:00Z',
    };
    const input = pack();
    input.versions.unshift(older);
    input.signatures[0] = { ...input.signatures[0]!, sha256: older.sha256, versionLabel: older.label };
    const read = await readPdf((await renderPdf(evidencePackDocument(input))).bytes);
    expect(read.text).toContain('The text: Version 2 Published');
    expect(read.text).toContain('Signed by 1 person at Moorthorpe Primary School');
    expect(read.text).toContain('Signed by 99 people at Moorthorpe Primary School');
    expect(collapse(read.pages.at(-1)!)).toContain(`SHA-256 of Version 2: ${'a'.repeat(64)}`);
    expect(collapse(read.pages.at(-1)!)).toContain(`SHA-256 of Version 3 (2026/27): ${hash}`);
  });

  it('says plainly when nobody has signed, or everybody has', async () => {
    const none = await readPdf((await renderPdf(evidencePackDocument(pack({ signatures: [] })))).bytes);
    expect(none.text).toContain('Nobody at Moorthorpe Primary School has signed yet.');
    const all = await readPdf((await renderPdf(evidencePackDocument(pack({ outstanding: [] })))).bytes);
    expect(all.text).toContain('Everyone at Moorthorpe Primary School who was sent it has signed.');
  });
});

describe('evidence formats', () => {
  it('names the blanks a signer fills in as a person would, whatever the key', () => {
    expect(['signature', 'date', 'fullName', 'jobTitle'].map(signatureFieldLabel)).toEqual([
      'Signature',
      'Date',
      'Full name',
      'Job title',
    ]);
    expect(signatureFieldLabel('employeeNumber')).toBe('Employee number');
    expect(signatureFieldLabel('dbs_check-date')).toBe('Dbs check date');
    expect(signatureFieldsSentence(['fullName', 'date'])).toBe('Full name and Date');
  });

  it('lays the stored text out as it was read, and shows a text of another format as stored', () => {
    const blocks = readablePolicyText(text);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 3, text: 'Staff Acceptable Use Policy' });
    expect(blocks.at(-1)).toEqual({
      kind: 'paragraph',
      text: 'The signer fills in: Signature, Date, Full name, Job title and Dbs number.',
    });
    expect(JSON.stringify(blocks)).not.toMatch(/attest-policy-v1|school: |fields: |"## /);
    expect(readablePolicyText('some other format\n# x\n')).toEqual([
      { kind: 'preformatted', text: 'some other format\n# x\n' },
    ]);
  });

  it('names browsers as a person would, and keeps what it does not recognise', () => {
    expect(
      shortUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari 17 on iPhone');
    expect(
      shortUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
      ),
    ).toBe('Edge 126 on Windows');
    expect(shortUserAgent('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe(
      'Firefox 128 on Linux',
    );
    expect(shortUserAgent('Test Phone')).toBe('Test Phone');
    expect(shortUserAgent(null)).toBe('Not recorded');
    expect(shortUserAgent('x'.repeat(100))).toHaveLength(60);
  });

  it('makes safe, readable file names', () => {
    expect(slug('Moorthorpe Primary School with Inclusion Resource')).toBe(
      'moorthorpe-primary-school-with-inclusion',
    );
    expect(pdfFileName('evidence', 'St Mary’s C of E', 'Staff AUP 2026/27')).toBe(
      'evidence-st-mary-s-c-of-e-staff-aup-2026-27.pdf',
    );
    expect(pdfFileName('"; rm -rf', '漢字')).toBe('rm-rf.pdf');
    expect(pdfFileName('漢字')).toBe('document.pdf');
  });
});
