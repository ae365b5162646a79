import { Hono } from 'hono';
import type pg from 'pg';
import { type ConsoleAddresses, renderConsolePage } from './console/page.ts';
import type { ListDevAccounts } from './identity/dev-account.ts';
import type { DevIssuer } from './identity/issuer.ts';
import { createIdentityRoutes } from './identity/routes.ts';
import { createMailboxApi, createResendApi } from './mail/catcher.ts';
import type { MailStore } from './mail/mail-store.ts';
import { createSqlHttpEndpoint } from './postgres/sql-http-endpoint.ts';

export interface DevstackAppDeps {
  /** Raw-text pool (createRawTextPool) behind POST /sql/<doorSecret>. */
  sqlPool: pg.Pool;
  /** The per-run secret the SQL doors require (postgres/door-secret.ts). */
  doorSecret: string;
  mail: MailStore;
  issuer: DevIssuer;
  listAccounts?: ListDevAccounts;
  /** Called per console render: the addresses are only known once the servers listen. */
  addresses: () => ConsoleAddresses;
}

/** Every HTTP door of the dev stack on one Hono app (the /v2 WebSocket bridge is separate). */
export function createDevstackApp(deps: DevstackAppDeps): Hono {
  const app = new Hono();

  app.get('/', async (c) =>
    c.html(
      renderConsolePage({
        messages: deps.mail.messages(),
        accounts: deps.listAccounts ? await deps.listAccounts().catch(() => []) : [],
        addresses: deps.addresses(),
      }),
    ),
  );
  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/sql', createSqlHttpEndpoint(deps.sqlPool, { secret: deps.doorSecret }));
  app.route('/resend', createResendApi(deps.mail));
  app.route('/', createMailboxApi(deps.mail));
  app.route('/identity', createIdentityRoutes(deps.issuer, deps.listAccounts));

  app.notFound((c) =>
    c.json({ error: { code: 'NOT_FOUND', message: `No route for ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((error, c) => {
    console.error('[devstack]', c.req.method, c.req.path, error);
    return c.json({ error: { code: 'INTERNAL', message: error.message } }, 500);
  });
  return app;
}
