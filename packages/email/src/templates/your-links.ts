import { emailLayout, escapeHtml } from './layout.ts';
import { formatLongDate } from './review-reminder.ts';

export interface LinkTask {
  /** What the button says: "Read and sign", "Accept the loan agreement", … */
  action: string;
  /** What it is about, e.g. "Staff Acceptable Use Agreement 2026/27". */
  title: string;
  schoolName: string;
  /** YYYY-MM-DD, or null when the task has no due date. */
  dueAt: string | null;
  link: string;
  /** The old link was expired and has been replaced: it no longer works. */
  replaced: boolean;
}

export interface YourLinksInput {
  personName: string;
  tasks: LinkTask[];
}

const oldLinkLine = (t: LinkTask) =>
  t.replaced
    ? 'Your old link has stopped working: use this one instead.'
    : 'This is the same link as in your earlier emails.';

const describe = (t: LinkTask) =>
  `${t.title} for ${t.schoolName}${t.dueAt ? ` (due ${formatLongDate(t.dueAt)})` : ''}`;

/**
 * Sent when someone asks for their link again, from an expired link's page (one task) or by typing
 * their address (every open task they have, of any kind). One message, each task with its own link.
 */
export function yourLinksEmail(input: YourLinksInput) {
  const { tasks } = input;
  const one = tasks.length === 1 ? tasks[0]! : null;
  const subject = one
    ? `Your link to ${one.action.toLowerCase()}: ${one.title}`
    : `Your ${tasks.length} links: what your school has asked you to do`;
  const intro = one
    ? `You asked for a link to ${one.action.toLowerCase()} ${describe(one)}.`
    : `You asked for your links. Your school has asked you to do ${tasks.length} things:`;
  const ignore = 'If you did not ask for this, you can ignore this email: nobody else can use these links.';
  const text = [
    `Dear ${input.personName},`,
    '',
    intro,
    ...(one
      ? [oldLinkLine(one), '', `${one.action}: ${one.link}`]
      : tasks.flatMap((t, i) => [
          '',
          `${i + 1}. ${describe(t)}`,
          `   ${oldLinkLine(t)}`,
          `   ${t.action}: ${t.link}`,
        ])),
    '',
    ignore,
  ].join('\n');
  const button = (t: LinkTask) =>
    `<a href="${escapeHtml(t.link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 18px;border-radius:6px;font-weight:600">${escapeHtml(t.action)}</a>`;
  const items = one
    ? `<p style="margin:0 0 12px">${escapeHtml(intro)} ${escapeHtml(oldLinkLine(one))}</p>
<p style="margin:20px 0">${button(one)}</p>`
    : `<p style="margin:0 0 12px">${escapeHtml(intro)}</p>
${tasks
  .map(
    (t) => `<div style="border-top:1px solid #d6dbe3;padding:12px 0">
<p style="margin:0 0 4px;font-weight:600">${escapeHtml(describe(t))}</p>
<p style="margin:0 0 8px;font-size:14px;color:#5b6472">${escapeHtml(oldLinkLine(t))}</p>
${button(t)}</div>`,
  )
  .join('\n')}`;
  const schools = [...new Set(tasks.map((t) => t.schoolName))];
  const html = emailLayout({
    preheader: one ? `Your link to ${one.action.toLowerCase()} ${describe(one)}.` : intro,
    heading: one ? `Your link to ${one.action.toLowerCase()} ${one.title}` : 'Your links',
    bodyHtml: `<p style="margin:0 0 12px">Dear ${escapeHtml(input.personName)},</p>
${items}
<p style="margin:0;font-size:14px;color:#5b6472">${escapeHtml(ignore)}</p>`,
    footer: `Sent by Attest for ${schools.join(', ')}.`,
  });
  return { subject, text, html };
}
