import type { DevAccount } from '../identity/dev-account.ts';
import type { CaughtMessage } from '../mail/mail-store.ts';
import { escapeHtml, findLinks } from './html.ts';

export interface ConsoleAddresses {
  console: string;
  databaseUrl: string;
  sqlEndpoint: string;
  wsProxy: string;
  resendBaseUrl: string;
  jwks: string;
  issuer: string;
  /** 'pglite (in memory)', 'pglite (.data/pglite)' or 'postgres server'. */
  database: string;
}

export interface ConsolePageData {
  messages: CaughtMessage[];
  accounts: DevAccount[];
  addresses: ConsoleAddresses;
}

// Times are shown the way the product shows them (Europe/London), stored times are UTC.
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** GET / — one self-contained page: caught mail, demo accounts and the local addresses. */
export function renderConsolePage({ messages, accounts, addresses }: ConsolePageData): string {
  const e = escapeHtml;
  const mailRows = messages
    .map((m) => {
      const links = findLinks(m.html, m.text)
        .map((link) => `<li><a href="${e(link)}">${e(link)}</a></li>`)
        .join('');
      return `<tr>
  <td class="nowrap"><time datetime="${e(m.created_at)}">${e(timeFormat.format(new Date(m.created_at)))}</time></td>
  <td>${e(m.to.join(', '))}</td>
  <td><a href="/messages/${e(m.id)}">${e(m.subject)}</a>${m.tags.length ? `<div class="muted">${e(m.tags.map((t) => `${t.name}=${t.value}`).join(' '))}</div>` : ''}</td>
  <td>${links ? `<ul class="links">${links}</ul>` : '<span class="muted">none</span>'}</td>
</tr>`;
    })
    .join('\n');

  const accountRows = accounts
    .map(
      (a) => `<tr>
  <td>${e(a.name)}</td>
  <td><code>${e(a.email)}</code></td>
  <td>${e(a.trustName)}</td>
  <td>${e(a.role)} <span class="muted">(${e(a.orgRole)})</span></td>
  <td>${e(a.schools.join(', ')) || '<span class="muted">all</span>'}</td>
  <td><button type="button" data-email="${e(a.email)}">Copy token</button></td>
</tr>`,
    )
    .join('\n');

  const addressRows = (
    [
      ['Console', addresses.console],
      ['Database', addresses.database],
      ['DATABASE_URL', addresses.databaseUrl],
      ['NEON_FETCH_ENDPOINT', addresses.sqlEndpoint],
      ['NEON_WS_PROXY', addresses.wsProxy],
      ['RESEND_BASE_URL', addresses.resendBaseUrl],
      ['Identity issuer', addresses.issuer],
      ['JWKS', addresses.jwks],
    ] as const
  )
    .map(([name, value]) => `<tr><th scope="row">${e(name)}</th><td><code>${e(value)}</code></td></tr>`)
    .join('\n');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Attest dev stack</title>
<style>
  :root { color-scheme: light dark; --line: #8884; --muted: #777; --accent: #2457c5; }
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
  h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; display: flex; gap: .75rem; align-items: baseline; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
  thead th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
  code { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
  a { color: var(--accent); }
  .muted { color: var(--muted); font-size: .85rem; }
  .nowrap { white-space: nowrap; }
  .links { margin: 0; padding-left: 1rem; word-break: break-all; }
  .empty { color: var(--muted); padding: 1rem 0; }
  button { font: inherit; font-size: .85rem; padding: .15rem .6rem; cursor: pointer; }
</style>
</head>
<body>
<h1>Attest dev stack</h1>
<p class="muted">Local Postgres, mail catcher and identity issuer. Nothing here leaves this machine.</p>

<h2>Mail <span class="muted">${messages.length} caught, newest first</span>
  <a href="/">Refresh</a>
  <button type="button" id="clear-mail"${messages.length ? '' : ' disabled'}>Clear</button></h2>
${
  messages.length
    ? `<table><thead><tr><th>Time</th><th>To</th><th>Subject</th><th>Links</th></tr></thead><tbody>
${mailRows}
</tbody></table>`
    : '<p class="empty">No mail yet. Emails sent through the Resend SDK to RESEND_BASE_URL show up here.</p>'
}

<h2>Demo accounts <span class="muted">${accounts.length}</span></h2>
${
  accounts.length
    ? `<table><thead><tr><th>Name</th><th>Email</th><th>Trust</th><th>Role</th><th>Schools</th><th>Session token</th></tr></thead><tbody>
${accountRows}
</tbody></table>`
    : '<p class="empty">No demo accounts. Seed the database to create them.</p>'
}

<h2>Addresses</h2>
<table><tbody>
${addressRows}
</tbody></table>

<script>
  document.getElementById('clear-mail')?.addEventListener('click', async () => {
    await fetch('/api/messages', { method: 'DELETE' });
    location.reload();
  });
  for (const button of document.querySelectorAll('button[data-email]')) {
    button.addEventListener('click', async () => {
      const response = await fetch('/identity/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: button.dataset.email }),
      });
      const { token } = await response.json();
      await navigator.clipboard.writeText(token);
      button.textContent = 'Copied';
    });
  }
</script>
</body>
</html>
`;
}
