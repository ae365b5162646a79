import { applyMigrations } from '@attest/db/migrate';
import { listAccounts, seedDemo } from '@attest/db/seed/index';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Devstack, startDevstack } from '../start-devstack.ts';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts.ts';
import { renderBanner, roleWords } from './banner.ts';

let stack: Devstack;
let banner: string;

beforeAll(async () => {
  stack = await startDevstack({ port: 0, pgPort: 0 });
  await applyMigrations(stack.pg);
  const seed = await seedDemo(stack.pg);
  banner = renderBanner({
    stack: {
      devstack: stack,
      apiUrl: 'http://127.0.0.1:8787',
      webUrl: 'http://127.0.0.1:5173',
      seed,
      library: { seeded: true, clauses: 87, policies: 6 },
    },
    accounts: await listAccounts(stack.pg),
    pgliteDir: '.data/pglite/',
    dataDir: '.data/',
  });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});

describe('npm run dev banner', () => {
  it('names the demo accounts’ roles in words', () => {
    expect(banner).toContain('alex.morgan@pennine-trust.example.org');
    expect(banner).toMatch(/Pennine Learning Trust: trust admin\n/);
    expect(banner).toMatch(/Pennine Learning Trust: head \(Castle Lane Primary School\)/);
    expect(banner).not.toMatch(/trust_admin|school_admin/);
    expect(roleWords('head, school_admin')).toBe('head, school admin');
  });

  it('prints a Postgres URL that a Postgres client connects to as printed', async () => {
    const url = /^ {2}Postgres +(\S+)/m.exec(banner)?.[1];
    expect(url).toBe(stack.databaseUrl);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      const { rows } = await client.query('select count(*)::int as schools from schools');
      expect(rows).toEqual([{ schools: 6 }]);
    } finally {
      await client.end();
    }
  });
});
