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

/** The longest policy title a subject carries before it is cut at a word. */
export const SUBJECT_TITLE_MAX = 60;
/** The longest version label a subject carries before it is cut at a word. */
export const SUBJECT_LABEL_MAX = 30;

/** Cut at the last whole word that fits within `max` characters, with an ellipsis; short text is left alone. */
export function cutAtWord(text: string, max: number) {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed.length <= max) return trimmed;
  const room = trimmed.slice(0, max); // one character kept back for the ellipsis below
  const space = room.lastIndexOf(' ');
  // A single word longer than the room is cut where it must be.
  const cut = (space > max / 3 ? room.slice(0, space) : room.slice(0, max - 1)).replace(/[\s,;:.–—-]+$/, '');
  return `${cut}…`;
}

/** "Staff Code of Conduct (Spring 2027 review)": the label set apart, so it never runs into the title. */
export const titleWithLabel = (title: string, label: string) =>
  label.trim() ? `${title} (${label.trim()})` : title;

/**
 * "Please read and sign: Staff Code of Conduct (Spring 2027 review), by 15 January", and for a
 * reminder "Reminder: please read and sign: …". A very long title or label is cut at a word so the
 * due date still shows in an inbox list.
 */
export function signingRequestSubject(
  input: Pick<SigningRequestInput, 'policyTitle' | 'versionLabel' | 'dueAt' | 'reminder'>,
) {
  const title = titleWithLabel(
    cutAtWord(input.policyTitle, SUBJECT_TITLE_MAX),
    input.versionLabel ? cutAtWord(input.versionLabel, SUBJECT_LABEL_MAX) : '',
  );
  const by = formatLongDate(input.dueAt).replace(/ \d{4}$/, '');
  return `${input.reminder ? 'Reminder: please' : 'Please'} read and sign: ${title}, by ${by}`;
}

/** A signing request (or its reminder) from the school, with the person's own link. */
export function signingRequestEmail(input: SigningRequestInput) {
  const due = formatLongDate(input.dueAt);
  const title = titleWithLabel(input.policyTitle, input.versionLabel);
  const subject = signingRequestSubject(input);
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
