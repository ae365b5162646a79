import type { PdfBlock, PdfDocument } from '../pdf/index.ts';
import { londonDate, londonDateTime, pdfFileName, shortUserAgent } from './format.ts';
import { readablePolicyText } from './policy-text.ts';
import { fingerprintNote, storedTextAttachment } from './signed-copy.ts';

// One school's evidence for one campaign, for an inspection or an audit: the text of each version
// signed there as staff read it, with its fingerprint (and the exact stored text attached), every
// signature (who, when, from where), and who has not signed yet. Everything in it is read from the
// immutable records; nothing is summarised away, and everything reads as plain English.

export interface EvidenceVersion {
  label: string;
  version: number;
  sha256: string;
  canonicalText: string;
  publishedAt: Date | string;
}

export interface EvidenceSignature {
  personName: string;
  typedName: string;
  jobTitle: string | null;
  signedAt: Date | string;
  ip: string | null;
  userAgent: string | null;
  versionLabel: string;
  sha256: string;
}

export interface EvidenceOutstanding {
  personName: string;
  jobTitle: string | null;
  status: string;
  lastSentAt: Date | string | null;
}

export interface EvidencePackInput {
  trustName: string;
  schoolName: string;
  campaignName: string;
  policyTitle: string;
  launchedAt: Date | string | null;
  dueAt: string;
  producedAt: Date;
  producedBy: string;
  versions: EvidenceVersion[];
  signatures: EvidenceSignature[];
  outstanding: EvidenceOutstanding[];
}

const STATUS: Record<string, string> = {
  queued: 'Waiting to be sent',
  sent: 'Email sent',
  delivered: 'Email delivered',
  bounced: 'Email bounced',
  withdrawn: 'No longer asked to sign',
  signed: 'Signed',
};
/** A status this pack has no words for yet, as words: "opened_link" → "Opened link". */
const statusWords = (status: string) => {
  const known = STATUS[status];
  if (known) return known;
  const words = status.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function evidencePackDocument(input: EvidencePackInput): PdfDocument & { fileName: string } {
  const signed = input.signatures.length;
  const total = signed + input.outstanding.length;
  const produced = londonDateTime(input.producedAt);
  const several = input.versions.length > 1;
  const versionName = (v: { label: string; version: number }) =>
    v.label && v.label !== `Version ${v.version}`
      ? `Version ${v.version} (${v.label})`
      : `Version ${v.version}`;

  const cover: PdfBlock[] = [
    { kind: 'paragraph', text: input.trustName, bold: true, muted: true },
    { kind: 'heading', text: `Evidence pack: ${input.schoolName}` },
    {
      kind: 'paragraph',
      text: `${signed} of ${total} ${total === 1 ? 'person has' : 'people have'} signed ${input.policyTitle} at ${input.schoolName}${input.outstanding.length ? `; ${input.outstanding.length} ${input.outstanding.length === 1 ? 'has' : 'have'} not signed yet` : ''}.`,
    },
    {
      kind: 'fields',
      rows: [
        { label: 'Trust', value: input.trustName },
        { label: 'School', value: input.schoolName },
        { label: 'Campaign', value: input.campaignName },
        { label: 'Policy', value: input.policyTitle },
        { label: 'Sent', value: input.launchedAt ? londonDateTime(input.launchedAt) : 'Not sent yet' },
        { label: 'Due', value: londonDate(`${input.dueAt}T12:00:00Z`) },
        { label: 'Signed', value: `${signed} of ${total}` },
        { label: 'Not signed yet', value: String(input.outstanding.length) },
        { label: 'Produced', value: `${produced} (UK time) by ${input.producedBy}` },
      ],
    },
    { kind: 'heading', level: 2, text: 'What is in this pack' },
    {
      kind: 'paragraph',
      text: `1. The text of ${several ? `each of the ${input.versions.length} versions` : 'the version'} of the policy sent to ${input.schoolName}, as staff read it, with its fingerprint (SHA-256). Each signature records the fingerprint of the text it was given. The text exactly as stored, from which anyone can work a fingerprint out again, is attached to this PDF.`,
    },
    {
      kind: 'paragraph',
      text: '2. Every signature: the name typed, the job title, when (UK time), and the IP address and browser it came from.',
    },
    { kind: 'paragraph', text: '3. The people who have not signed yet, and where their email has got to.' },
    {
      kind: 'paragraph',
      size: 8.5,
      muted: true,
      text: 'Signatures are never changed once recorded, and a changed policy is always a new version with a new fingerprint.',
    },
  ];

  const stored = input.versions.map((v) =>
    storedTextAttachment(v.canonicalText, `${input.schoolName} ${versionName(v)} stored text`),
  );
  const versions = input.versions.flatMap((v, i): PdfBlock[] => {
    const count = input.signatures.filter((s) => s.sha256 === v.sha256).length;
    return [
      { kind: 'pageBreak' },
      { kind: 'heading', level: 2, text: `The text: ${versionName(v)}` },
      {
        kind: 'fields',
        rows: [
          { label: 'Published', value: londonDateTime(v.publishedAt) },
          {
            label: 'Signed by',
            value: `${count} ${count === 1 ? 'person' : 'people'} at ${input.schoolName}`,
          },
          { label: 'Fingerprint (SHA-256)', value: v.sha256, mono: true },
        ],
      },
      ...fingerprintNote(v.canonicalText, v.sha256, stored[i]!),
      ...readablePolicyText(v.canonicalText),
    ];
  });

  const byLabel = new Map(input.versions.map((v) => [v.sha256, v]));
  const signatures: PdfBlock[] = [
    { kind: 'pageBreak' },
    { kind: 'heading', level: 2, text: `Signatures (${signed})` },
    signed === 0
      ? { kind: 'paragraph', text: `Nobody at ${input.schoolName} has signed yet.` }
      : {
          kind: 'table',
          // Widths in points at 8pt: the date and a common browser each fit on one line.
          columns: [
            { header: 'Name (as typed)', width: 95 },
            { header: 'Job title', width: 72 },
            { header: 'Signed (UK time)', width: 109 },
            { header: 'IP address', width: 66 },
            { header: 'Browser', width: 96 },
            { header: 'Version', width: 44 },
          ],
          rows: input.signatures.map((s) => {
            const version = byLabel.get(s.sha256);
            return [
              s.typedName === s.personName ? s.typedName : `${s.typedName} (sent to ${s.personName})`,
              s.jobTitle ?? '',
              londonDateTime(s.signedAt),
              s.ip ?? 'Not recorded',
              shortUserAgent(s.userAgent),
              version
                ? version.label || versionName(version)
                : `${s.versionLabel}, fingerprint ${s.sha256.slice(0, 12)}…`,
            ];
          }),
        },
  ];

  const outstanding: PdfBlock[] = [
    { kind: 'heading', level: 2, text: `Not signed yet (${input.outstanding.length})` },
    input.outstanding.length === 0
      ? { kind: 'paragraph', text: `Everyone at ${input.schoolName} who was sent it has signed.` }
      : {
          kind: 'table',
          columns: [
            { header: 'Name', width: 2.4 },
            { header: 'Job title', width: 2 },
            { header: 'Where their email is', width: 2 },
            { header: 'Last emailed (UK time)', width: 2 },
          ],
          rows: input.outstanding.map((o) => [
            o.personName,
            o.jobTitle ?? '',
            statusWords(o.status),
            o.lastSentAt ? londonDateTime(o.lastSentAt) : 'Not yet',
          ]),
        },
  ];

  const fingerprints = input.versions.length
    ? several
      ? input.versions.map((v) => `SHA-256 of ${versionName(v)}: ${v.sha256}`)
      : [`SHA-256 of the signed text: ${input.versions[0]!.sha256}`]
    : [];
  return {
    title: `Evidence pack: ${input.campaignName}, ${input.schoolName}`,
    subject: `${input.policyTitle}: who signed which text, when and from where`,
    author: input.trustName,
    createdAt: input.producedAt,
    fileName: pdfFileName('evidence', input.schoolName, input.campaignName),
    attachments: stored,
    footer: [
      `Evidence pack: ${input.campaignName}, ${input.schoolName}. Produced ${produced}.`,
      ...fingerprints,
    ],
    blocks: [...cover, ...versions, ...signatures, ...outstanding],
  };
}
