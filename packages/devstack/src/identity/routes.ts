import { Hono } from 'hono';
import type { ListDevAccounts } from './dev-account.ts';
import type { DevIssuer } from './issuer.ts';

const MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/**
 * GET /identity/users, POST /identity/token `{ email }`, GET /identity/jwks.json.
 * No CORS headers on purpose: other origins in a developer's browser must not read tokens.
 */
export function createIdentityRoutes(issuer: DevIssuer, listAccounts?: ListDevAccounts): Hono {
  const app = new Hono();

  app.get('/users', async (c) => c.json({ users: listAccounts ? await listAccounts() : [] }));

  app.get('/jwks.json', (c) => c.json(issuer.jwks));

  app.post('/token', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json(error('BAD_REQUEST', 'Send a JSON body: { "email": "..." }'), 400);
    }
    const { email, expiresInSeconds } = (body ?? {}) as { email?: unknown; expiresInSeconds?: unknown };
    if (typeof email !== 'string' || email.trim() === '') {
      return c.json(error('BAD_REQUEST', 'Send a JSON body: { "email": "..." }'), 400);
    }
    if (
      expiresInSeconds !== undefined &&
      (!Number.isInteger(expiresInSeconds) ||
        (expiresInSeconds as number) <= 0 ||
        (expiresInSeconds as number) > MAX_TOKEN_LIFETIME_SECONDS)
    ) {
      return c.json(
        error('BAD_REQUEST', `expiresInSeconds must be an integer from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}`),
        400,
      );
    }
    const wanted = email.trim().toLowerCase();
    const account = (listAccounts ? await listAccounts() : []).find((a) => a.email.toLowerCase() === wanted);
    if (!account) return c.json(error('NOT_FOUND', `No demo account has the email ${email}`), 404);
    const token = await issuer.issueToken({
      userId: account.userId,
      orgId: account.orgId,
      orgRole: account.orgRole,
      email: account.email,
      expiresInSeconds: expiresInSeconds as number | undefined,
    });
    return c.json({ token });
  });

  return app;
}

function error(code: string, message: string) {
  return { error: { code, message } };
}
