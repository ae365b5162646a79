import { emailLayout, escapeHtml } from './layout.ts';
import { formatLongDate } from './review-reminder.ts';

export interface FreshLinkInput {
  personName: string;
  schoolName: string;
  policyTitle: string;
  versionLabel: string;
  dueAt: string;
  link: string;
  /** The old link was expired and has been replaced: it no longer works. */
  replaced: boolean;
}

/** Sent when a signer asks for their link again (from an expired or unrecognised link's page). */
export function freshLinkEmail(input: FreshLinkInput) {
  const title = `${input.policyTitle}${input.versionLabel ? ` ${input.versionLabel}` : ''}`;
  const due = formatLongDate(input.dueAt);
  const subject = `Your link to read and sign: ${title}`;
  const oldLink = input.replaced
    ? 'Your old link has stopped working: use this one instead.'
    : 'This is the same link as in your earlier emails.';
  const ignore = 'If you did not ask for this, you can ignore this email: nobody else can use the link.';
  const text = [
    `Dear ${input.personName},`,
    '',
    `You asked for a link to read and sign ${title} for ${input.schoolName} (due ${due}).`,
    oldLink,
    '',
    `Read and sign: ${input.link}`,
    '',
    ignore,
  ].join('\n');
  const html = emailLayout({
    preheader: `Your link to read and sign ${title} for ${input.schoolName}.`,
    heading: `Your link to read and sign ${title}`,
    bodyHtml: `<p style="margin:0 0 12px">Dear ${escapeHtml(input.personName)},</p>
<p style="margin:0 0 12px">You asked for a link to read and sign <strong>${escapeHtml(title)}</strong> for ${escapeHtml(input.schoolName)} (due ${escapeHtml(due)}). ${escapeHtml(oldLink)}</p>
<p style="margin:20px 0"><a href="${escapeHtml(input.link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 18px;border-radius:6px;font-weight:600">Read and sign</a></p>
<p style="margin:0;font-size:14px;color:#5b6472">${escapeHtml(ignore)}</p>`,
    footer: `Sent by Attest for ${input.schoolName}.`,
  });
  return { subject, text, html };
}
