import { emailLayout, escapeHtml } from './layout.ts';

export interface ReviewReminderInput {
  ownerName: string;
  policyTitle: string;
  trustName: string;
  schools: { name: string; nextReviewAt: string }[];
  policyUrl: string;
}

/** "30 September 2026": dates as people in English schools write them, in Europe/London. */
export const formatLongDate = (isoDate: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`));

export function reviewReminderEmail(input: ReviewReminderInput) {
  const first = [...input.schools].sort((a, b) => a.nextReviewAt.localeCompare(b.nextReviewAt))[0]!;
  const subject = `Review due: ${input.policyTitle} (${formatLongDate(first.nextReviewAt)})`;
  const lines = input.schools.map((s) => `${s.name}: review by ${formatLongDate(s.nextReviewAt)}`);
  const text = [
    `Dear ${input.ownerName},`,
    '',
    `${input.policyTitle} is due for its review:`,
    ...lines.map((l) => `- ${l}`),
    '',
    'Check it still says what your schools need, change any clauses in the library, and publish a new version. Staff then sign the new version in your next campaign.',
    '',
    `Open the policy: ${input.policyUrl}`,
    '',
    `You get this because you own this policy at ${input.trustName}.`,
  ].join('\n');
  const html = emailLayout({
    preheader: `${input.policyTitle} is due for review by ${formatLongDate(first.nextReviewAt)}.`,
    heading: `${input.policyTitle} is due for review`,
    bodyHtml: `<p style="margin:0 0 12px">Dear ${escapeHtml(input.ownerName)},</p>
<ul style="margin:0 0 16px;padding-left:20px">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
<p style="margin:0 0 20px">Check it still says what your schools need, change any clauses in the library, and publish a new version. Staff then sign the new version in your next campaign.</p>
<p style="margin:0"><a href="${escapeHtml(input.policyUrl)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font-weight:600">Open the policy</a></p>`,
    footer: `You get this because you own this policy at ${input.trustName}.`,
  });
  return { subject, text, html };
}
