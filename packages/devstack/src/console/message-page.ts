import type { CaughtMessage } from '../mail/mail-store.ts';
import { escapeHtml } from './html.ts';

/**
 * The Content-Security-Policy of the message page. An iframe's srcdoc document inherits it, so it
 * also holds for the email: no script runs, whatever the email carries (the sandbox says so too).
 */
export const MESSAGE_PAGE_CSP = "script-src 'none'; object-src 'none'; frame-ancestors 'self'";

/**
 * The sandbox of the email's iframe: no scripts, no forms, no access to the dev stack's origin
 * (where /api/messages and /identity/token live). Links open in a new tab, outside the sandbox, so
 * the signing link works as it does in a mail client.
 */
export const EMAIL_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** GET /messages/:id — one email as its recipient sees it: the HTML version, then the text version. */
export function renderMessagePage(message: CaughtMessage): string {
  const e = escapeHtml;
  const people = (label: string, list: string[]) =>
    list.length ? `<tr><th scope="row">${label}</th><td>${e(list.join(', '))}</td></tr>` : '';
  // <base target="_blank">: a link followed inside the frame would open the web app in a box.
  const srcdoc = message.html === null ? null : `<base target="_blank">${message.html}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(message.subject)} · Attest dev stack</title>
<style>
  :root { color-scheme: light dark; --line: #8884; --muted: #777; --accent: #2457c5; }
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
  h1 { font-size: 1.3rem; margin: .5rem 0 1rem; }
  h2 { font-size: 1rem; margin: 1.75rem 0 .5rem; }
  table { border-collapse: collapse; }
  th, td { text-align: left; vertical-align: top; padding: .2rem .8rem .2rem 0; }
  th { color: var(--muted); font-weight: normal; }
  a { color: var(--accent); }
  .muted { color: var(--muted); font-size: .9rem; }
  iframe { width: 100%; height: 70vh; border: 1px solid var(--line); border-radius: 4px; background: #fff; resize: vertical; }
  pre { white-space: pre-wrap; word-break: break-word; font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace;
        border: 1px solid var(--line); border-radius: 4px; padding: 1rem; margin: 0; }
</style>
</head>
<body>
<p><a href="/">← All caught mail</a></p>
<h1>${e(message.subject)}</h1>
<table><tbody>
<tr><th scope="row">From</th><td>${e(message.from)}</td></tr>
${people('To', message.to)}
${people('Cc', message.cc)}
${people('Bcc', message.bcc)}
${people('Reply to', message.reply_to)}
<tr><th scope="row">Sent</th><td><time datetime="${e(message.created_at)}">${e(timeFormat.format(new Date(message.created_at)))}</time></td></tr>
${message.tags.length ? `<tr><th scope="row">Tags</th><td>${e(message.tags.map((t) => `${t.name}=${t.value}`).join(' '))}</td></tr>` : ''}
</tbody></table>

<h2>HTML version ${srcdoc === null ? '' : `<a class="muted" href="/messages/${e(message.id)}/html">open on its own</a>`}</h2>
${
  srcdoc === null
    ? '<p class="muted">This email has no HTML version.</p>'
    : `<iframe title="HTML version of the email" sandbox="${EMAIL_SANDBOX}" srcdoc="${e(srcdoc)}"></iframe>`
}

<h2>Text version</h2>
${message.text === null ? '<p class="muted">This email has no text version.</p>' : `<pre>${linkify(message.text)}</pre>`}
</body>
</html>
`;
}

/** Plain text as HTML with its http(s) URLs clickable (escaped piece by piece, so `&` survives). */
export function linkify(text: string): string {
  let body = '';
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    const url = escapeHtml(match[0]);
    body += `${escapeHtml(text.slice(last, match.index))}<a href="${url}">${url}</a>`;
    last = match.index + match[0].length;
  }
  return body + escapeHtml(text.slice(last));
}
