import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts.ts';
import { startPgliteServer } from './pglite-server.ts';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'devstack-pglite-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function query(databaseUrl: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe('PGlite wire server', () => {
  it(
    'keeps data in its data folder across restarts',
    async () => {
      const first = await startPgliteServer({ dataDir, port: 0 });
      try {
        const tables = await query(
          first.databaseUrl,
          `select count(*)::int as n from pg_tables where schemaname = 'public'`,
        );
        expect(tables.rows).toEqual([{ n: 0 }]);
        await query(first.databaseUrl, 'create table notes (body text not null)');
        await query(first.databaseUrl, 'insert into notes values ($1)', ['kept']);
      } finally {
        await first.stop();
      }
      const second = await startPgliteServer({ dataDir, port: 0 });
      try {
        const { rows } = await query(second.databaseUrl, 'select body from notes');
        expect(rows).toEqual([{ body: 'kept' }]);
      } finally {
        await second.stop();
      }
    },
    STARTUP_TIMEOUT_MS,
  );

  it(
    'serves many clients at once, running their transactions one at a time',
    async () => {
      const server = await startPgliteServer({ dataDir, port: 0 });
      const clients = Array.from(
        { length: 12 },
        () => new pg.Client({ connectionString: server.databaseUrl }),
      );
      try {
        await Promise.all(clients.map((c) => c.connect()));
        await clients[0]!.query('create table hits (client int not null)');
        await Promise.all(
          clients.map(async (client, i) => {
            await client.query('begin');
            const { rows } = await client.query('select count(*)::int as n from hits');
            await client.query('insert into hits values ($1)', [i]);
            await client.query('commit');
            return rows;
          }),
        );
        const { rows } = await clients[0]!.query('select count(distinct client)::int as n from hits');
        expect(rows).toEqual([{ n: 12 }]);
      } finally {
        await Promise.all(clients.map((c) => c.end().catch(() => {})));
        await server.stop();
      }
    },
    STARTUP_TIMEOUT_MS,
  );
});
