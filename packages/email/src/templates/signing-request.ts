import { emailLayout, escapeHtml } from './layout.ts';
import { formatLongDate } from './review-reminder.ts';

export interface SigningRequestInput {
  personName: string;
  schoolName: string;
  policyTitle: string;
  versionLabel: string;
  dueAt: string;
  message: string;
  link: string;
  reminder?: boolean;
}

/** "Please read and sign: Staff Acceptable Use Agreement 2026/27, due 30 September" from the school. */
export function signingRequestEmail(input: SigningRequestInput) {
  const due = formatLongDate(input.dueAt);
  const title = `${input.policyTitle}${input.versionLabel ? ` ${input.versionLabel}` : ''}`;
  const subject = `${input.reminder ? 'Reminder: please' : 'Please'} read and sign: ${title}, due ${due.replace(/ \d{4}$/, '')}`;
  const text = [
    `Dear ${input.personName},`,
    '',
    `${input.schoolName} asks you to read and sign ${title} by ${due}.`,
    ...(input.message ? ['', input.message] : []),
    '',
    `Read and sign: ${input.link}`,
    '',
    'The link is for you alone: please do not forward it. It takes about five minutes, and works on a phone.',
  ].join('\n');
  const html = emailLayout({
    preheader: `${input.schoolName} asks you to read and sign ${title} by ${due}.`,
    heading: `${input.reminder ? 'Reminder: p' : 'P'}lease read and sign ${title}`,
    bodyHtml: `<p style="margin:0 0 12px">Dear ${escapeHtml(input.personName)},</p>
<p style="margin:0 0 12px">${escapeHtml(input.schoolName)} asks you to read and sign <strong>${escapeHtml(title)}</strong> by <strong>${escapeHtml(due)}</strong>.</p>
${input.message ? `<p style="margin:0 0 12px;white-space:pre-line">${escapeHtml(input.message)}</p>` : ''}
<p style="margin:20px 0"><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 18px;border-radius:6px;font-weight:600">Read and sign</a></p>
<p style="margin:0;font-size:14px;color:#5b6472">The link is for you alone: please do not forward it. It takes about five minutes, and works on a phone.</p>`,
    footer: `Sent by Attest for ${input.schoolName}.`,
  });
  return { subject, text, html };
}
