import { type Devstack, startDevstack } from '@attest/devstack';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureLocalDoors, createTenantDb } from './client.ts';
import { applyMigrations } from './migrate.ts';
import { people, schools } from './schema/index.ts';
import { seedDemo, stableUuid } from './seed/index.ts';

// Row-level security, proven without the API's own filters: a query that forgets `trust_id`
// still sees only its trust, and cannot write into another.

let stack: Devstack;
const pennine = stableUuid('trust:pennine');
const riverside = stableUuid('trust:riverside');

beforeAll(async () => {
  stack = await startDevstack({ port: 0, pgPort: 0 });
  await applyMigrations(stack.pg);
  await seedDemo(stack.pg);
  configureLocalDoors({ fetchEndpoint: stack.sqlEndpoint, wsProxy: stack.wsProxy });
});
afterAll(async () => {
  await stack?.stop();
});

describe('tenant database: security', () => {
  it('shows an unfiltered query only the rows of its own trust', async () => {
    const db = createTenantDb(stack.databaseUrl, riverside);
    const rows = await db.execute<{ n: number; trusts: number }>(
      sql`select count(*)::int as n, count(distinct trust_id)::int as trusts from people`,
    );
    expect(rows.rows[0]).toEqual({ n: 25, trusts: 1 });
    const all = await stack.pg.query('select count(*)::int as n from people');
    expect(all.rows[0].n).toBeGreaterThan(150);
  });

  it('applies to batches as well as single statements', async () => {
    const db = createTenantDb(stack.databaseUrl, pennine);
    const [a, b] = await db.batch([db.select().from(schools), db.select({ id: people.id }).from(people)]);
    expect(a.map((s) => s.trustId)).toEqual(Array(5).fill(pennine));
    expect(b.length).toBe(160);
  });

  it("refuses to write a row into another trust, and can't touch its rows", async () => {
    const db = createTenantDb(stack.databaseUrl, riverside);
    await expect(
      db.insert(people).values({ trustId: pennine, name: 'Smuggled', email: 'smuggled@example.org' }),
    ).rejects.toThrow();
    const updated = await db
      .update(people)
      .set({ name: 'Renamed' })
      .where(sql`trust_id = ${pennine}`)
      .returning();
    expect(updated).toEqual([]);
    const smuggled = await stack.pg.query(
      "select count(*)::int as n from people where email = 'smuggled@example.org'",
    );
    expect(smuggled.rows[0].n).toBe(0);
  });

  it('sees nothing at all without a trust', async () => {
    const db = createTenantDb(stack.databaseUrl, '');
    const rows = await db.execute<{ n: number }>(sql`select count(*)::int as n from schools`);
    expect(rows.rows[0]?.n).toBe(0);
  });
});

describe('schema: security', () => {
  it('puts every table that carries trust_id behind row-level security', async () => {
    const { rows } = await stack.pg.query(`
      select c.relname as table, c.relrowsecurity as rls
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and exists (select 1 from information_schema.columns col
                      where col.table_name = c.relname and col.column_name = 'trust_id')
       order by 1`);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((r) => !r.rls)).toEqual([]);
  });
});
