import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DevAccount } from './identity/dev-account.ts';
import { type Devstack, startDevstack } from './start-devstack.ts';
import { STARTUP_TIMEOUT_MS } from './testing/timeouts.ts';

const account: DevAccount = {
  userId: 'user_admin',
  email: 'admin@meridian.example.org',
  name: 'Tom <Reed>',
  orgId: 'org_meridian',
  orgRole: 'org:admin',
  trustName: 'Meridian Learning Trust',
  role: 'trust_admin',
  schools: [],
};

let stack: Devstack;

beforeAll(async () => {
  stack = await startDevstack({ port: 0, pgPort: 0, identity: { listAccounts: async () => [account] } });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('dev stack, happy', () => {
  it('publishes the local addresses the Workers are configured with', () => {
    expect(stack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // The SQL doors' addresses carry this run's secret (see postgres/door-secret.ts).
    const secret = stack.sqlEndpoint.slice(`${stack.url}/sql/`.length);
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(stack.sqlEndpoint).toBe(`${stack.url}/sql/${secret}`);
    expect(stack.resendBaseUrl).toBe(`${stack.url}/resend`);
    expect(stack.wsProxy).toBe(`${stack.url.replace('http://', '')}/v2/${secret}`);
    expect(stack.databaseUrl).toMatch(/^postgres:\/\/postgres:postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(stack.jwtPublicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('answers /health', async () => {
    const response = await fetch(`${stack.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('gives a pg pool on the same database the doors use', async () => {
    const { rows } = await stack.pg.query('select 1 + 1 as two');
    expect(rows).toEqual([{ two: 2 }]);
  });

  it('shows caught mail with clickable links, the demo accounts and the addresses on the console', async () => {
    await fetch(`${stack.resendBaseUrl}/emails`, {
      method: 'POST',
      headers: { authorization: 'Bearer re_dev', 'content-type': 'application/json' },
      body: JSON.stringify({
        from: 'Attest <no-reply@attest.example.org>',
        to: ['ada@oakfield.example.org'],
        subject: 'Sign <the> policy',
        html: '<p><a href="http://127.0.0.1:5173/sign/tok?a=1&amp;b=2">Sign</a></p>',
      }),
    });
    const [message] = stack.mail.messages();
    const response = await fetch(`${stack.url}/`);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('<title>Attest dev stack</title>');
    expect(page).toContain('ada@oakfield.example.org');
    expect(page).toContain(`<a href="/messages/${message?.id}">Sign &lt;the&gt; policy</a>`);
    expect(page).toContain('<a href="http://127.0.0.1:5173/sign/tok?a=1&amp;b=2">');
    expect(page).toContain('Tom &lt;Reed&gt;');
    expect(page).toContain(stack.sqlEndpoint);
    expect(page).toContain(stack.wsProxy);
    expect(page).not.toMatch(/<link|<script src|https?:\/\/(?!127\.0\.0\.1)[^"<\s]*\.(css|js)/);
  });
});

describe('dev stack, errors', () => {
  it('answers unknown paths and methods with 404 JSON', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['PUT', '/api/messages'],
      ['GET', '/api/messages/does-not-exist'],
    ]) {
      const response = await fetch(`${stack.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('refuses WebSocket upgrades on any path but /v2', async () => {
    const socket = new WebSocket(`${stack.url.replace('http://', 'ws://')}/v1`);
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', (error) => resolve(error.message));
    });
    socket.terminate();
    expect(outcome).toContain('404');
  });

  it('fails to start on a port already taken, leaving nothing running', async () => {
    const port = Number(new URL(stack.url).port);
    // databaseUrl skips PGlite: the pools it opens must still be closed when listening fails.
    await expect(startDevstack({ port, databaseUrl: stack.databaseUrl })).rejects.toThrow(/EADDRINUSE/);
  });
});

// Last, because it stops the shared stack (afterAll's second stop() must then be harmless).
describe('dev stack, stop', () => {
  it('closes the console and the Postgres wire server, and can be called twice', async () => {
    const httpPort = Number(new URL(stack.url).port);
    const pgPort = Number(new URL(stack.databaseUrl).port);
    expect(await canConnect(httpPort)).toBe(true);
    expect(await canConnect(pgPort)).toBe(true);
    await Promise.all([stack.stop(), stack.stop()]);
    expect(await canConnect(httpPort)).toBe(false);
    expect(await canConnect(pgPort)).toBe(false);
  });
});
