// The SQL-door tests, shared by sql-doors.test.ts (PGlite) and sql-doors-postgres.test.ts (a real
// server): both doors must behave the same whichever database sits behind them. Not a test file
// itself; each suite works in its own scratch table so runs never collide.
import { randomBytes } from 'node:crypto';
import { NeonDbError, neon, neonConfig, Pool } from '@neondatabase/serverless';
import { sql as dsql, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-http';
import { integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ws from 'ws';
import type { Devstack } from '../start-devstack.ts';
import { newDoorSecret } from './door-secret.ts';
import { createRawTextPool, createSqlHttpEndpoint } from './sql-http-endpoint.ts';

/** What the API Worker sets in development (see .dev.vars.example). */
export function pointNeonDriverAt(stack: Devstack): void {
  neonConfig.fetchEndpoint = stack.sqlEndpoint;
  neonConfig.wsProxy = stack.wsProxy;
  neonConfig.webSocketConstructor = ws;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the query to fail');
}

export function describeSqlDoors(label: string, getStack: () => Devstack): void {
  const table = `devstack_scratch_${randomBytes(4).toString('hex')}`;
  const people = pgTable(table, {
    id: serial('id').primaryKey(),
    email: text('email').notNull().unique(),
    visits: integer('visits').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  });
  let stack: Devstack;
  const sql = () => neon(stack.databaseUrl);
  const count = async () => Number((await stack.pg.query(`select count(*) from ${table}`)).rows[0].count);

  describe(`SQL doors (${label})`, () => {
    beforeAll(async () => {
      stack = getStack();
      pointNeonDriverAt(stack);
      await stack.pg.query(
        `create table ${table} (id serial primary key, email text not null unique,
         visits integer not null default 0, created_at timestamptz not null default now())`,
      );
    });
    afterAll(async () => {
      await stack.pg.query(`drop table if exists ${table}`);
    });

    describe('HTTP endpoint, happy', () => {
      it('returns typed values the driver parses from text', async () => {
        const [row] = await sql()`select 1::int as i, ${"O'Reilly"}::text as t, true as b, null::text as n,
          '{"a":[1,2]}'::jsonb as j, array[1,2,3]::int[] as arr, 12345678901234::int8 as big,
          '2024-03-31T01:30:00Z'::timestamptz as ts, gen_random_uuid() as u, '\\xdeadbeef'::bytea as bin`;
        expect(row).toMatchObject({
          i: 1,
          t: "O'Reilly",
          b: true,
          n: null,
          j: { a: [1, 2] },
          arr: [1, 2, 3],
          big: '12345678901234',
        });
        expect((row!.ts as Date).toISOString()).toBe('2024-03-31T01:30:00.000Z');
        expect(row!.u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(Buffer.from(row!.bin as Uint8Array).toString('hex')).toBe('deadbeef');
      });

      it('reports fields, command and rowCount in full-results and array mode', async () => {
        const email = `full-${randomBytes(3).toString('hex')}@example.org`;
        const inserted = await sql().query(
          `insert into ${table} (email) values ($1), ($2) returning id, email`,
          [email, `b-${email}`],
          { fullResults: true, arrayMode: true },
        );
        expect(inserted.command).toBe('INSERT');
        expect(inserted.rowCount).toBe(2);
        expect(inserted.fields.map((f) => [f.name, f.dataTypeID])).toEqual([
          ['id', 23],
          ['email', 25],
        ]);
        expect(inserted.rows.map((r) => (r as unknown[])[1])).toEqual([email, `b-${email}`]);

        const updated = await sql().query(
          `update ${table} set visits = visits + 1 where email like $1`,
          [`%${email}`],
          { fullResults: true },
        );
        expect(updated).toMatchObject({ command: 'UPDATE', rowCount: 2, rows: [] });
      });

      it('commits a transaction batch as one unit and returns one result per query', async () => {
        const a = `batch-a-${randomBytes(3).toString('hex')}@example.org`;
        const db = sql();
        const [first, second, total] = await db.transaction([
          db`insert into ${db.unsafe(table)} (email) values (${a}) returning email`,
          db`update ${db.unsafe(table)} set visits = 7 where email = ${a} returning visits`,
          db`select count(*)::int as n from ${db.unsafe(table)} where email = ${a}`,
        ]);
        expect(first).toEqual([{ email: a }]);
        expect(second).toEqual([{ visits: 7 }]);
        expect(total).toEqual([{ n: 1 }]);
        const seen = await stack.pg.query(`select visits from ${table} where email = $1`, [a]);
        expect(seen.rows).toEqual([{ visits: 7 }]);
      });

      it('honours the batch isolation level, read-only and deferrable options', async () => {
        const db = sql();
        const [isolation, readOnly, deferrable] = await db.transaction(
          [db`show transaction_isolation`, db`show transaction_read_only`, db`show transaction_deferrable`],
          { isolationLevel: 'Serializable', readOnly: true, deferrable: true },
        );
        expect(isolation).toEqual([{ transaction_isolation: 'serializable' }]);
        expect(readOnly).toEqual([{ transaction_read_only: 'on' }]);
        expect(deferrable).toEqual([{ transaction_deferrable: 'on' }]);
      });

      it('answers raw requests in Neon’s shape: text values, objects unless Neon-Array-Mode', async () => {
        const post = (headers: Record<string, string>, body: unknown) =>
          fetch(stack.sqlEndpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify(body),
          });
        const objects = await post({}, { query: 'select $1::int + 1 as n, null::text as z', params: ['41'] });
        expect(objects.status).toBe(200);
        expect(await objects.json()).toMatchObject({
          command: 'SELECT',
          rowCount: 1,
          rowAsArray: false,
          rows: [{ n: '42', z: null }],
          fields: [
            { name: 'n', dataTypeID: 23, format: 'text' },
            { name: 'z', dataTypeID: 25, format: 'text' },
          ],
        });
        const batch = await post(
          { 'Neon-Array-Mode': 'true', 'Neon-Batch-Read-Only': 'true' },
          { queries: [{ query: 'select 1 as one' }, { query: 'select true as t', arrayMode: false }] },
        );
        expect(batch.headers.get('neon-batch-read-only')).toBe('true');
        const { results } = (await batch.json()) as { results: { rows: unknown[] }[] };
        expect(results.map((r) => r.rows)).toEqual([[['1']], [{ t: 't' }]]);
      });
    });

    describe('HTTP endpoint, errors', () => {
      it('raises NeonDbError with the SQLSTATE and constraint details of a unique violation', async () => {
        const email = `dup-${randomBytes(3).toString('hex')}@example.org`;
        await sql()`insert into ${sql().unsafe(table)} (email) values (${email})`;
        const error = await rejection(sql()`insert into ${sql().unsafe(table)} (email) values (${email})`);
        expect(error).toBeInstanceOf(NeonDbError);
        expect(error).toMatchObject({
          code: '23505',
          constraint: `${table}_email_key`,
          table,
          schema: 'public',
          severity: 'ERROR',
        });
        expect(error.detail).toContain(email);
      });

      it('rolls the whole batch back when one statement fails', async () => {
        const email = `rollback-${randomBytes(3).toString('hex')}@example.org`;
        const before = await count();
        const db = sql();
        const error = await rejection(
          db.transaction([
            db`insert into ${db.unsafe(table)} (email) values (${email})`,
            db`insert into ${db.unsafe(table)} (email) values (${email})`,
          ]),
        );
        expect(error.code).toBe('23505');
        expect(await count()).toBe(before);
      });

      it('refuses writes in a read-only batch (25006) and keeps nothing', async () => {
        const before = await count();
        const db = sql();
        const error = await rejection(
          db.transaction([db`insert into ${db.unsafe(table)} (email) values ('ro@example.org')`], {
            readOnly: true,
          }),
        );
        expect(error.code).toBe('25006');
        expect(await count()).toBe(before);
      });

      it('reports syntax errors with their position, and refuses several statements in one query', async () => {
        const syntax = await rejection(sql().query('select from where'));
        expect(syntax).toMatchObject({ code: '42601', position: expect.any(String) });
        const several = await rejection(sql().query('select 1; select 2'));
        expect(several.code).toBe('42601');
      });

      it('answers a malformed request or an unknown isolation level with 400 and a message', async () => {
        const bad = await fetch(stack.sqlEndpoint, { method: 'POST', body: '{not json' });
        expect(bad.status).toBe(400);
        expect(await bad.json()).toMatchObject({ message: expect.any(String) });
        const level = await fetch(stack.sqlEndpoint, {
          method: 'POST',
          headers: { 'Neon-Batch-Isolation-Level': 'Chaotic' },
          body: JSON.stringify({ queries: [{ query: 'select 1' }] }),
        });
        expect(level.status).toBe(400);
        expect(await level.json()).toMatchObject({ message: 'invalid isolation level' });
      });

      it('does not leak a transaction opened by a lone BEGIN into the next request', async () => {
        // One connection, so the next request must reuse it: it has to come back clean.
        const pool = createRawTextPool(stack.databaseUrl, 1);
        const secret = newDoorSecret();
        const endpoint = createSqlHttpEndpoint(pool, { secret });
        const run = async (query: string) => {
          const response = await endpoint.request(`/${secret}`, {
            method: 'POST',
            body: JSON.stringify({ query }),
          });
          return (await response.json()) as { rows: Record<string, string>[] };
        };
        try {
          await run('begin isolation level serializable');
          const { rows } = await run('show transaction_isolation');
          expect(rows).toEqual([{ transaction_isolation: 'read committed' }]);
        } finally {
          await pool.end();
        }
      });
    });

    describe('drizzle neon-http', () => {
      it('inserts, selects and runs db.batch as one transaction', async () => {
        const db = drizzle(sql());
        const email = `drizzle-${randomBytes(3).toString('hex')}@example.org`;
        const [created] = await db.insert(people).values({ email }).returning();
        expect(created).toMatchObject({ email, visits: 0 });
        expect(created?.createdAt).toBeInstanceOf(Date);

        const [, bumped, listed] = await db.batch([
          db.update(people).set({ visits: 2 }).where(eq(people.email, email)),
          db
            .update(people)
            .set({ visits: dsql`${people.visits} + 1` })
            .where(eq(people.email, email))
            .returning({ visits: people.visits }),
          db.select({ email: people.email }).from(people).where(eq(people.email, email)),
        ]);
        expect(bumped).toEqual([{ visits: 3 }]);
        expect(listed).toEqual([{ email }]);
      });

      it('surfaces the Postgres error code through DrizzleQueryError.cause', async () => {
        const db = drizzle(sql());
        const email = `drizzle-dup-${randomBytes(3).toString('hex')}@example.org`;
        await db.insert(people).values({ email });
        const error = await rejection(db.insert(people).values({ email }));
        expect((error.cause as NeonDbError).code).toBe('23505');
      });
    });

    describe('WebSocket Pool', () => {
      it('runs an interactive transaction and rolls it back', async () => {
        const pool = new Pool({ connectionString: stack.databaseUrl });
        try {
          const email = `ws-${randomBytes(3).toString('hex')}@example.org`;
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await client.query(`insert into ${table} (email) values ($1)`, [email]);
            const inside = await client.query(`select email from ${table} where email = $1`, [email]);
            expect(inside.rows).toEqual([{ email }]);
            await client.query('ROLLBACK');
          } finally {
            client.release();
          }
          const after =
            await sql()`select count(*)::int as n from ${sql().unsafe(table)} where email = ${email}`;
          expect(after).toEqual([{ n: 0 }]);
        } finally {
          await pool.end();
        }
      });

      it('serves five concurrent clients, each committing its own transaction', async () => {
        const pool = new Pool({ connectionString: stack.databaseUrl, max: 5 });
        try {
          const tag = randomBytes(3).toString('hex');
          const emails = await Promise.all(
            Array.from({ length: 5 }, async (_, i) => {
              const client = await pool.connect();
              try {
                const email = `conc-${tag}-${i}@example.org`;
                await client.query('BEGIN');
                await client.query(`insert into ${table} (email, visits) values ($1, $2)`, [email, i]);
                const { rows } = await client.query(`select visits from ${table} where email = $1`, [email]);
                await client.query('COMMIT');
                expect(rows).toEqual([{ visits: i }]);
                return email;
              } finally {
                client.release();
              }
            }),
          );
          const { rows } = await stack.pg.query(
            `select email from ${table} where email like $1 order by email`,
            [`conc-${tag}-%`],
          );
          expect(rows.map((r) => r.email)).toEqual(emails);
        } finally {
          await pool.end();
        }
      });

      it('reports Postgres errors with their code over the bridge', async () => {
        const pool = new Pool({ connectionString: stack.databaseUrl });
        try {
          const error = await rejection(pool.query('select * from devstack_no_such_table'));
          expect(error.code).toBe('42P01');
        } finally {
          await pool.end();
        }
      });
    });
  });
}
