import { emailLayout, escapeHtml } from './layout.ts';

export interface SignerQuestionInput {
  personName: string;
  personEmail: string;
  jobTitle: string | null;
  schoolName: string;
  campaignName: string;
  policyTitle: string;
  question: string;
  campaignUrl: string;
}

/**
 * "I have a question", from the signing page to the school's head (and school admins). Replying
 * answers the member of staff directly: the email's reply-to is their address on record.
 */
export function signerQuestionEmail(input: SignerQuestionInput) {
  const who = `${input.personName}${input.jobTitle ? ` (${input.jobTitle})` : ''}`;
  const subject = `Question about ${input.policyTitle} from ${input.personName}`;
  const text = [
    `${who} at ${input.schoolName} has a question about ${input.policyTitle}, before signing it in “${input.campaignName}”:`,
    '',
    ...input.question.split('\n').map((l) => `> ${l}`),
    '',
    `Reply to this email to answer them (it goes to ${input.personEmail}).`,
    '',
    `See the campaign: ${input.campaignUrl}`,
  ].join('\n');
  const html = emailLayout({
    preheader: `${input.personName} has a question about ${input.policyTitle}.`,
    heading: `A question about ${input.policyTitle}`,
    bodyHtml: `<p style="margin:0 0 12px">${escapeHtml(who)} at ${escapeHtml(input.schoolName)} has a question about <strong>${escapeHtml(input.policyTitle)}</strong>, before signing it in “${escapeHtml(input.campaignName)}”:</p>
<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #d6dbe3;white-space:pre-line">${escapeHtml(input.question)}</blockquote>
<p style="margin:0 0 12px">Reply to this email to answer them (it goes to ${escapeHtml(input.personEmail)}).</p>
<p style="margin:0"><a href="${escapeHtml(input.campaignUrl)}" style="color:#1d4ed8">See the campaign</a></p>`,
    footer: `Sent by Attest for ${input.schoolName}.`,
  });
  return { subject, text, html };
}
