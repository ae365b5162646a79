import type { PdfAttachment, PdfBlock, PdfDocument } from '../pdf/index.ts';
import { toWinAnsi } from '../pdf/win-ansi.ts';
import { londonDateTime, pdfFileName, shortUserAgent, slug } from './format.ts';
import { readablePolicyText } from './policy-text.ts';

// The PDF of one signature: what a member of staff keeps, and what an admin hands over when asked
// "show me what she signed". The text as it was read, its fingerprint, what was recorded, and the
// exact stored text the fingerprint is of, attached to the PDF.

export interface SignedCopyInput {
  schoolName: string;
  policyTitle: string;
  versionLabel: string;
  /** policy_versions.canonical_text, exactly as stored (what the fingerprint is of). */
  canonicalText: string;
  /** The SHA-256 recorded with the signature. */
  sha256: string;
  statements: string[];
  typedName: string;
  jobTitle: string | null;
  signedAt: Date | string;
  /** The person the link was sent to, when it differs from the name typed. */
  personName?: string;
  campaignName?: string;
  /** Where the signer signed from, as recorded with the signature (their address and browser). */
  ip?: string | null;
  userAgent?: string | null;
}

/** The stored text, attached to the PDF under a name that says which text it is. */
export function storedTextAttachment(canonicalText: string, name: string): PdfAttachment {
  return {
    name: `${slug(name, 60) || 'policy'}.txt`,
    description:
      'The signed text exactly as stored: its SHA-256 fingerprint is the one recorded with each signature',
    text: canonicalText,
  };
}

/** Explains the fingerprint and where its text is, and says so when the font could not show every character. */
export function fingerprintNote(
  canonicalText: string,
  sha256: string,
  attachment: PdfAttachment,
): PdfBlock[] {
  const replaced = toWinAnsi(canonicalText.replace(/\s/g, ' ')).replaced;
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      size: 8.5,
      muted: true,
      text: `Below is the text as the signer read it. Its fingerprint (SHA-256) is ${sha256}. The fingerprint is worked out from the text exactly as Attest stores it, which is attached to this PDF as the file "${attachment.name}": anyone can work it out again from that file to check that not a word has changed.`,
    },
  ];
  if (replaced > 0)
    blocks.push({
      kind: 'paragraph',
      size: 8.5,
      muted: true,
      text: `${replaced === 1 ? 'One character' : `${replaced} characters`} in the text cannot be shown in this PDF's font and ${replaced === 1 ? 'appears' : 'appear'} as "?" or a look-alike. The attached file keeps ${replaced === 1 ? 'it' : 'them'}.`,
    });
  return blocks;
}

export function signedCopyDocument(input: SignedCopyInput): PdfDocument & { fileName: string } {
  const signedAt = londonDateTime(input.signedAt);
  const titled = `${input.policyTitle}${input.versionLabel ? ` ${input.versionLabel}` : ''}`;
  const stored = storedTextAttachment(input.canonicalText, `signed text ${titled}`);
  const fields = [
    { label: 'Signed by', value: input.typedName },
    ...(input.personName && input.personName !== input.typedName
      ? [{ label: 'Sent to', value: input.personName }]
      : []),
    { label: 'Job title', value: input.jobTitle || 'Not given' },
    { label: 'Signed on', value: `${signedAt} (UK time)` },
    ...(input.ip !== undefined || input.userAgent !== undefined
      ? [
          { label: 'Browser', value: shortUserAgent(input.userAgent) },
          { label: 'IP address', value: input.ip || 'Not recorded' },
        ]
      : []),
    { label: 'School', value: input.schoolName },
    { label: 'Policy', value: titled },
    ...(input.campaignName ? [{ label: 'Sent as part of', value: input.campaignName }] : []),
    { label: 'Fingerprint (SHA-256)', value: input.sha256, mono: true },
  ];
  return {
    title: `Signed copy: ${titled}, ${input.typedName}`,
    subject: `${titled} for ${input.schoolName}, signed on ${signedAt}`,
    author: input.schoolName,
    // The signature's own time, so the same signature always gives the same file.
    createdAt: new Date(input.signedAt),
    fileName: pdfFileName('signed', input.policyTitle, input.versionLabel, input.typedName),
    attachments: [stored],
    footer: [
      `Signed copy of ${titled} for ${input.schoolName}, signed by ${input.typedName} on ${signedAt}`,
      `SHA-256 of the signed text: ${input.sha256}`,
    ],
    blocks: [
      { kind: 'paragraph', text: input.schoolName, bold: true, muted: true },
      { kind: 'heading', text: titled },
      { kind: 'paragraph', text: `Signed copy. ${input.typedName} signed this on ${signedAt}.` },
      { kind: 'fields', rows: fields },
      { kind: 'heading', level: 2, text: 'What was agreed' },
      { kind: 'paragraph', text: 'Each of these statements was ticked before signing:' },
      ...input.statements.map((s): PdfBlock => ({ kind: 'preformatted', text: `• ${s}`, size: 10 })),
      { kind: 'heading', level: 2, text: 'The text signed' },
      ...fingerprintNote(input.canonicalText, input.sha256, stored),
      ...readablePolicyText(input.canonicalText),
    ],
  };
}
