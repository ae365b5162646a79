import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type Devstack, startDevstack } from '../start-devstack.ts';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts.ts';

// The SQL doors hand out a developer's whole database with no password. A web page the developer
// happens to have open (any origin, or one DNS-rebound to 127.0.0.1) must get nothing from them,
// and neither must anyone who was not given this run's addresses.

let stack: Devstack;
const table = `door_probe_${Date.now()}`;

beforeAll(async () => {
  stack = await startDevstack({ port: 0, pgPort: 0 });
  neonConfig.webSocketConstructor = WebSocket;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});

const secretOf = (s: Devstack) => s.sqlEndpoint.split('/').pop()!;
const tableExists = async () =>
  (await stack.pg.query('select to_regclass($1) is not null as exists', [table])).rows[0].exists;
const createTable = JSON.stringify({ query: `create table ${table} (id int)` });

/** The status and headers a WebSocket handshake gets, or 101 when it is let through. */
function upgrade(url: string, origin?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.once('open', () => {
      socket.terminate();
      resolve({ status: 101, body: '' });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.once('error', () => {}); // the refusal also surfaces as an error; the status says it all
  });
}

describe('SQL HTTP door, refused', () => {
  it('refuses a request without this run’s secret, and runs none of its SQL', async () => {
    for (const url of [`${stack.url}/sql`, `${stack.url}/sql/`, `${stack.url}/sql/not-the-secret`]) {
      const response = await fetch(url, { method: 'POST', body: createTable });
      expect(response.status, url).toBe(403);
      expect(response.headers.get('access-control-allow-origin'), url).toBeNull();
      expect((await response.json()).message, url).toMatch(/door secret/);
    }
    neonConfig.fetchEndpoint = `${stack.url}/sql`;
    await expect(neon(stack.databaseUrl).query(`create table ${table} (id int)`)).rejects.toThrow(
      /door secret/,
    );
    expect(await tableExists()).toBe(false);
  });

  it('refuses a web page even when it knows the secret, and runs none of its SQL', async () => {
    // Browsers send Origin on every POST, cross-site or not; a DNS-rebound page sends its own name.
    for (const origin of ['https://evil.example', stack.url, 'null']) {
      const response = await fetch(stack.sqlEndpoint, {
        method: 'POST',
        headers: { origin, 'content-type': 'text/plain' },
        body: createTable,
      });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect((await response.json()).message, origin).toMatch(/do not answer web pages/);
    }
    expect(await tableExists()).toBe(false);
  });

  it('answers no CORS preflight', async () => {
    const response = await fetch(stack.sqlEndpoint, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'neon-connection-string',
      },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('still answers the Neon driver given this run’s address', async () => {
    neonConfig.fetchEndpoint = stack.sqlEndpoint;
    const [row] = await neon(stack.databaseUrl)`select 1 as one`;
    expect(row).toEqual({ one: 1 });
  });
});

describe('SQL WebSocket door, refused', () => {
  const ws = (path: string) => `ws://${path}?address=127.0.0.1:5432`;

  it('refuses a handshake without this run’s secret, so no SQL can follow', async () => {
    const base = stack.wsProxy.slice(0, stack.wsProxy.lastIndexOf('/'));
    for (const path of [base, `${base}/not-the-secret`]) {
      const { status, body } = await upgrade(ws(path));
      expect(status, path).toBe(403);
      expect(body).toMatch(/door secret/);
    }
    neonConfig.wsProxy = base;
    const pool = new Pool({ connectionString: stack.databaseUrl });
    pool.on('error', () => {});
    await expect(pool.query(`create table ${table} (id int)`)).rejects.toThrow();
    await pool.end().catch(() => {});
    expect(await tableExists()).toBe(false);
  });

  it('refuses a web page’s handshake even with the secret', async () => {
    for (const origin of ['https://evil.example', stack.url]) {
      const { status, body } = await upgrade(ws(stack.wsProxy), origin);
      expect(status, origin).toBe(403);
      expect(body).toMatch(/do not answer web pages/);
    }
  });

  it('still bridges the Neon Pool given this run’s address', async () => {
    expect((await upgrade(ws(stack.wsProxy))).status).toBe(101);
    neonConfig.wsProxy = stack.wsProxy;
    const pool = new Pool({ connectionString: stack.databaseUrl });
    try {
      expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });
});

describe('door secret', () => {
  it('is new on every start: an earlier run’s addresses stop working', async () => {
    // A second dev stack on the same database (no PGlite of its own): only the doors differ.
    const next = await startDevstack({ port: 0, databaseUrl: stack.databaseUrl });
    try {
      expect(secretOf(next)).not.toBe(secretOf(stack));
      const stale = await fetch(`${next.url}/sql/${secretOf(stack)}`, { method: 'POST', body: createTable });
      expect(stale.status).toBe(403);
      expect(await tableExists()).toBe(false);
    } finally {
      await next.stop();
    }
  });
});
