import { stableUuid } from '@attest/db/seed/index';
import { createScratchLogin } from '@attest/devstack/scratch-database';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAILY, HOURLY, runScheduled } from '../cron/index.ts';
import { createDeps } from '../lib/deps.ts';
import { listTrustIds } from '../services/trusts/list-trust-ids.ts';
import { ADMIN, deliverQueued, type Harness, publishStaffPolicy, startHarness } from '../testing/harness.ts';

// Database roles that bind (migration 0012, README "Deploying"), proven on the Postgres server:
// the API connected as a LOGIN role that owns nothing (a member of attest_app, as production's
// attest_runtime) serves every kind of door, and that login, with a session of its own, cannot
// read across trusts, rewrite evidence, or reach past the lookup functions. PGlite cannot prove
// this (it has one user, a superuser), so these run only with TEST_DATABASE_URL, e.g.
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run --project api \
//     apps/api/src/security/database-roles.test.ts

const serverUrl = process.env.TEST_DATABASE_URL;
const pennine = stableUuid('trust:pennine');
const riverside = stableUuid('trust:riverside');
const EVIDENCE = ['signatures', 'policy_versions', 'clause_versions', 'audit_log'] as const;
const LOOKUPS = [
  'attest_trust_of_link(text)',
  'attest_trusts_of_address(text)',
  'attest_trust_of_org(text)',
  'attest_trust_of_recipient(uuid)',
  'attest_trust_ids()',
];

let h: Harness;
type Client = Awaited<ReturnType<NonNullable<Harness['runtime']>['connect']>>;
let session: Client;

/** Runs `statements` in one transaction on the runtime login's own session, then rolls back. */
async function asRuntime(statements: string[], params: unknown[][] = []) {
  await session.query('begin');
  try {
    let last: { rows: Record<string, unknown>[] } = { rows: [] };
    for (const [i, text] of statements.entries()) last = await session.query(text, params[i] ?? []);
    return last.rows;
  } finally {
    await session.query('rollback');
  }
}
const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'no error',
    (e: { code?: string }) => e.code,
  );
const inTrust = (trustId: string) => [
  'set local role attest_app',
  `select set_config('app.trust_id', '${trustId}', true)`,
];
const linkIn = (text: string | null | undefined) => /\/sign\/([A-Za-z0-9_-]{43})/.exec(text ?? '')?.[1];

describe.skipIf(!serverUrl)('database roles, on the Postgres server', () => {
  let tokens: { to: string; token: string }[] = [];
  let policyId: string;

  beforeAll(async () => {
    h = await startHarness({ runtimeLogin: true });
    session = await h.runtime!.connect();
  });
  afterAll(async () => {
    await session?.end();
    await h?.stop();
  });

  describe('the API, connected as a login that owns nothing', () => {
    it('connects as a login that is no superuser, cannot bypass RLS and owns no table', async () => {
      const [me] = await asRuntime([
        `select current_user as name, r.rolsuper, r.rolbypassrls,
                (select count(*)::int from pg_tables where schemaname = 'public' and tableowner = current_user) as owned
           from pg_roles r where r.rolname = current_user`,
      ]);
      expect(me).toEqual({ name: h.runtime!.role, rolsuper: false, rolbypassrls: false, owned: 0 });
      expect(new URL(h.env.DATABASE_URL!).username).toBe(h.runtime!.role);
    });

    it('serves signed-in requests (sign-in finds the trust through attest_trust_of_org)', async () => {
      const me = await h.request('GET', '/v1/me', { as: ADMIN });
      expect(me.status).toBe(200);
      policyId = await publishStaffPolicy(h);
    });

    it('launches a campaign and delivers its queue message as the trust’s system actor', async () => {
      const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const created = await h.request('POST', '/v1/campaigns', {
        as: ADMIN,
        json: {
          name: 'Staff AUP',
          policyId,
          schoolIds: [h.ids.school('pennine', 'moorthorpe')],
          audiences: ['staff'],
          dueAt,
        },
      });
      expect(created.status).toBe(201);
      const launched = await h.request('POST', `/v1/campaigns/${created.body.id}/launch`, { as: ADMIN });
      expect(launched.status).toBe(202);
      h.stack.mail.clear();
      expect(await deliverQueued(h, h.queue.drain())).toEqual({ acked: 1, retried: 0 });
      tokens = h.stack.mail
        .messages()
        .map((m) => ({ to: m.to[0]!, token: linkIn(m.text)! }))
        .filter((t) => t.token);
      expect(tokens.length).toBeGreaterThan(2);
    });

    it('serves the signing page, a signature, its receipt, the signed copy and a question', async () => {
      const { token } = tokens[0]!;
      const page = await h.request('GET', `/v1/sign/${token}`);
      expect(page.status).toBe(200);
      h.stack.mail.clear();
      const signed = await h.request('POST', `/v1/sign/${token}`, {
        json: { typedName: 'A Signer', statements: page.body.statements },
      });
      expect(signed.status, signed.text).toBe(200);
      expect(signed.body.status).toBe('signed');
      expect(h.stack.mail.messages()).toHaveLength(1); // the receipt
      expect((await h.request('GET', `/v1/sign/${token}/copy.pdf`)).status).toBe(200);
      const asked = await h.request('POST', `/v1/sign/${token}/questions`, {
        json: { question: 'Does this cover my own phone?' },
      });
      expect(asked.status, asked.text).toBe(201);
    });

    it('sends a fresh link by token, and links by address', async () => {
      const { token, to } = tokens[1]!;
      h.stack.mail.clear();
      expect((await h.request('POST', `/v1/links/${token}/fresh-link`)).status).toBe(202);
      expect(h.stack.mail.messages().map((m) => m.to)).toEqual([[to]]);
      const other = tokens[2]!;
      expect((await h.request('POST', '/v1/links/fresh-link', { json: { email: other.to } })).status).toBe(
        202,
      );
      expect(h.stack.mail.messages().map((m) => m.to[0])).toEqual(expect.arrayContaining([to, other.to]));
      expect(h.stack.mail.messages()).toHaveLength(2);
    });

    it('applies a Resend webhook inside the named recipient’s trust', async () => {
      const [recipient] = await h.sql<{ id: string; email: string }>(
        "select id, email from recipients where status = 'sent' order by id limit 1",
      );
      const id = `msg_roles_${Date.now()}`;
      const at = new Date();
      const body = JSON.stringify({
        type: 'email.delivered',
        created_at: at.toISOString(),
        data: { email_id: 'e1', to: [recipient!.email], tags: [{ name: 'recipient', value: recipient!.id }] },
      });
      const res = await h.request('POST', '/webhooks/resend', {
        body,
        headers: {
          'content-type': 'application/json',
          'svix-id': id,
          'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
          'svix-signature': new Webhook(h.env.RESEND_WEBHOOK_SECRET!).sign(id, at, body),
        },
      });
      expect(res.body).toEqual({ ok: true, result: 'applied' });
      const [row] = await h.sql('select status from recipients where id = $1', [recipient!.id]);
      expect(row).toEqual({ status: 'delivered' });
    });

    it('runs every scheduled job for every trust (listed through attest_trust_ids)', async () => {
      // Not vacuously: as this login, the cron still finds both trusts to run for.
      const trustIds = await listTrustIds(createDeps({ ...h.env } as never));
      expect(trustIds.toSorted()).toEqual([pennine, riverside].toSorted());
      for (const cron of [DAILY, HOURLY]) {
        const outcomes = await runScheduled(cron, { ...h.env, WORK_QUEUE: h.queue } as never, new Date());
        expect(Object.keys(outcomes).length).toBeGreaterThan(0);
        for (const outcome of Object.values(outcomes)) expect(outcome.failed).toEqual([]);
      }
    });
  });

  describe('the login on a session of its own', () => {
    it('sees no rows of a tenant table without app.trust_id, as itself or as attest_app', async () => {
      expect(await asRuntime(['select count(*)::int as n from people'])).toEqual([{ n: 0 }]);
      expect(await asRuntime(['set local role attest_app', 'select count(*)::int as n from people'])).toEqual(
        [{ n: 0 }],
      );
      const [all] = await h.sql<{ n: number }>('select count(*)::int as n from people');
      expect(all!.n).toBeGreaterThan(150);
    });

    it('cannot read, change or write another trust’s rows with that trust’s id in the query', async () => {
      const [seen] = await asRuntime([
        ...inTrust(riverside),
        `select count(*)::int as n from people where trust_id = '${pennine}'`,
      ]);
      expect(seen).toEqual({ n: 0 });
      const updated = await asRuntime([
        ...inTrust(riverside),
        `update people set name = 'Renamed' where trust_id = '${pennine}' returning id`,
      ]);
      expect(updated).toEqual([]);
      expect(
        await codeOf(
          asRuntime([
            ...inTrust(riverside),
            `insert into people (trust_id, name, email) values ('${pennine}', 'Smuggled', 'smuggled@example.org')`,
          ]),
        ),
      ).toBe('42501');
    });

    it('every table with a trust has row-level security enabled and forced', async () => {
      const tables = await h.sql<{ table: string; enabled: boolean; forced: boolean }>(`
        select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r'
           and (c.relname = 'trusts' or exists (select 1 from information_schema.columns k
                 where k.table_schema = 'public' and k.table_name = c.relname and k.column_name = 'trust_id'))
         order by 1`);
      expect(tables.length).toBeGreaterThanOrEqual(19);
      for (const t of tables) expect(t, t.table).toMatchObject({ enabled: true, forced: true });
    });

    for (const op of ['update', 'delete', 'truncate'] as const) {
      it(`cannot ${op.toUpperCase()} ${EVIDENCE.join(', ')} (permission denied)`, async () => {
        const statement = (table: string) =>
          op === 'update'
            ? `update ${table} set trust_id = trust_id`
            : op === 'delete'
              ? `delete from ${table}`
              : `truncate ${table}`;
        for (const table of EVIDENCE) {
          expect(await codeOf(asRuntime([...inTrust(pennine), statement(table)])), table).toBe('42501');
          expect(await codeOf(asRuntime([statement(table)])), `${table} as the login`).toBe('42501');
        }
      });
    }

    it('cannot become the lookup role, nor read past the columns the lookups need', async () => {
      expect(await codeOf(asRuntime(['set local role attest_lookup']))).toBe('42501');
      const [columns] = await h.sql(`
        select has_column_privilege('attest_lookup', 'people', 'name', 'select') as people_name,
               has_column_privilege('attest_lookup', 'person_links', 'token_hash', 'select') as token_hash,
               has_table_privilege('attest_lookup', 'signatures', 'select') as signatures,
               has_table_privilege('attest_lookup', 'people', 'insert') as insert_people`);
      expect(columns).toEqual({
        people_name: false,
        token_hash: true,
        signatures: false,
        insert_people: false,
      });
    });

    it('the lookups answer only a trust id, as attest_lookup, with a fixed search_path', async () => {
      const fns = await h.sql<{ fn: string; owner: string; definer: boolean; config: string[] }>(
        `
        select p.oid::regprocedure::text as fn, pg_get_userbyid(p.proowner) as owner, p.prosecdef as definer,
               p.proconfig as config
          from pg_proc p where p.oid::regprocedure::text = any($1) order by 1`,
        [LOOKUPS],
      );
      expect(fns).toHaveLength(LOOKUPS.length);
      for (const f of fns)
        expect(f, f.fn).toMatchObject({
          owner: 'attest_lookup',
          definer: true,
          config: ['search_path=pg_catalog, public, pg_temp'],
        });
      const [known] = await asRuntime([
        "select attest_trust_of_org('org_demo_pennine') as org, attest_trust_of_link('nope') as link",
      ]);
      expect(known).toEqual({ org: pennine, link: null });
      expect(await asRuntime(['select attest_trust_ids() as id'])).toHaveLength(2);
    });

    it('a login outside attest_app can call none of the lookups and read no table', async () => {
      const stranger = await createScratchLogin(serverUrl!, h.runtime!.url);
      const c = await stranger.connect();
      try {
        for (const fn of LOOKUPS) {
          // Real arguments: a STRICT function called with a null constant is folded away unasked.
          const call = `select ${fn.replace('(text)', "('x')").replace('(uuid)', `('${pennine}'::uuid)`)}`;
          expect(await codeOf(c.query(call)), fn).toBe('42501');
        }
        expect(await codeOf(c.query('select count(*) from people'))).toBe('42501');
        expect(await codeOf(c.query('select count(*) from door_requests'))).toBe('42501');
      } finally {
        await c.end();
        await stranger.drop();
      }
    });

    it('counts door requests (no trust) but cannot rewrite them', async () => {
      const rows = await asRuntime([
        'set local role attest_app',
        "insert into door_requests (door, key_hash) values ('question', 'k')",
        "delete from door_requests where key_hash = 'k' returning door",
      ]);
      expect(rows).toEqual([{ door: 'question' }]);
      expect(
        await codeOf(asRuntime(['set local role attest_app', "update door_requests set door = 'x'"])),
      ).toBe('42501');
    });
  });

  describe('the evidence tables, even for a superuser', () => {
    for (const table of EVIDENCE) {
      it(`refuses TRUNCATE ${table} by trigger (and nothing is removed)`, async () => {
        const count = async () =>
          (await h.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
        const before = await count();
        // CASCADE, so that a table others refer to reaches its triggers rather than the foreign key check.
        await expect(h.sql(`truncate ${table} cascade`)).rejects.toThrow(
          /is evidence: it cannot be truncated/,
        );
        expect(await count()).toBe(before);
        const [trigger] = await h.sql(
          `select tgname from pg_trigger
            where tgrelid = $1::regclass and tgfoid = 'refuse_truncate'::regproc and tgtype & 32 = 32 and tgtype & 2 = 2`,
          [table],
        );
        expect(trigger).toEqual({ tgname: `${table}_no_truncate` });
      });
    }

    it('still refuses UPDATE and DELETE of a signature by trigger', async () => {
      const [sig] = await h.sql<{ id: string }>('select id from signatures limit 1');
      expect(sig).toBeDefined();
      await expect(
        h.sql('update signatures set typed_name = $1 where id = $2', ['x', sig!.id]),
      ).rejects.toThrow(/immutable/);
      await expect(h.sql('delete from signatures where id = $1', [sig!.id])).rejects.toThrow(/immutable/);
    });
  });
});
