import { emailLayout, escapeHtml } from './layout.ts';

export interface SignatureReceiptInput {
  personName: string;
  schoolName: string;
  policyTitle: string;
  versionLabel: string;
  signedAt: string;
  typedName: string;
  jobTitle: string | null;
  sha256: string;
  statements: string[];
  canonicalText: string;
  link: string;
}

const londonDateTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/London',
  }).format(new Date(iso));

/** The signer's copy: what they agreed to, the exact text they signed and its fingerprint. */
export function signatureReceiptEmail(input: SignatureReceiptInput) {
  const when = londonDateTime(input.signedAt);
  const title = `${input.policyTitle}${input.versionLabel ? ` ${input.versionLabel}` : ''}`;
  const subject = `Your signed copy: ${title}`;
  const text = [
    `Dear ${input.personName},`,
    '',
    `You signed ${title} for ${input.schoolName} on ${when}, as ${input.typedName}${input.jobTitle ? `, ${input.jobTitle}` : ''}.`,
    '',
    'You agreed that:',
    ...input.statements.map((s) => `- ${s}`),
    '',
    `Fingerprint of the text you signed (SHA-256): ${input.sha256}`,
    `See it again at any time: ${input.link}`,
    '',
    '--- The text you signed ---',
    input.canonicalText,
  ].join('\n');
  const html = emailLayout({
    preheader: `You signed ${title} on ${when}.`,
    heading: `You signed ${title}`,
    bodyHtml: `<p style="margin:0 0 12px">Dear ${escapeHtml(input.personName)},</p>
<p style="margin:0 0 12px">You signed <strong>${escapeHtml(title)}</strong> for ${escapeHtml(input.schoolName)} on <strong>${escapeHtml(when)}</strong>, as ${escapeHtml(input.typedName)}${input.jobTitle ? `, ${escapeHtml(input.jobTitle)}` : ''}.</p>
<p style="margin:0 0 8px">You agreed that:</p>
<ul style="margin:0 0 16px;padding-left:20px">${input.statements.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
<p style="margin:0 0 16px;font-size:13px;color:#5b6472">Fingerprint of the text you signed (SHA-256):<br><code style="word-break:break-all">${escapeHtml(input.sha256)}</code></p>
<p style="margin:0 0 16px"><a href="${escapeHtml(input.link)}">See what you signed</a></p>
<details><summary>The text you signed</summary><pre style="white-space:pre-wrap;font-size:13px">${escapeHtml(input.canonicalText)}</pre></details>`,
    footer: `Sent by Attest for ${input.schoolName}. Keep this email: it is your copy.`,
  });
  return { subject, text, html };
}
