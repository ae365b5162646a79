import { type LocalStack, startLocalStack } from '@attest/devstack/local-stack';
import { createScratchDatabase } from '@attest/devstack/scratch-database';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '../../apps/api/src/testing/docx.ts';

// The API as it runs in production: under workerd (wrangler dev), reaching Postgres only through
// the Neon serverless driver and the dev stack's doors. Run against PGlite always, and against
// the Postgres server on this machine when TEST_DATABASE_URL is set.

const backends = [
  { name: 'PGlite', url: null as string | null },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'Postgres server', url: process.env.TEST_DATABASE_URL }] : []),
];

describe.each(backends)('API under wrangler dev, database: $name', ({ url }) => {
  let stack: LocalStack;
  let drop: (() => Promise<void>) | undefined;
  let adminToken: string;
  let otherAdminToken: string;

  beforeAll(async () => {
    const scratch = url ? await createScratchDatabase(url) : undefined;
    drop = scratch?.drop;
    stack = await startLocalStack({
      stateDir: `/tmp/attest-stack-${process.pid}-${Date.now()}`,
      databaseUrl: scratch?.url,
    });
    const accounts = await stack.accounts();
    const tokenFor = async (email: string) => {
      const a = accounts.find((x) => x.email === email)!;
      return stack.devstack.issueToken({ userId: a.userId, orgId: a.orgId, orgRole: a.orgRole });
    };
    adminToken = await tokenFor('alex.morgan@pennine-trust.example.org');
    otherAdminToken = await tokenFor('jordan.ellis@riverside-trust.example.org');
  });
  afterAll(async () => {
    await stack?.stop();
    await drop?.();
  });

  const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    const res = await fetch(`${stack.apiUrl}${path}`, { ...init, headers });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  };

  it('answers /health', async () => {
    expect(await call('/health')).toEqual({ status: 200, body: { ok: true } });
  });

  it('verifies the session token with @clerk/backend and resolves the trust', async () => {
    const me = await call('/v1/me', { token: adminToken });
    expect(me.status).toBe(200);
    expect(me.body.trust.name).toBe('Pennine Learning Trust');
    expect((await call('/v1/me')).status).toBe(401);
  });

  it('lists, creates and imports through the Neon HTTP driver, batches included', async () => {
    const schools = await call('/v1/schools', { token: adminToken });
    expect(schools.body.data).toHaveLength(5);
    const school = schools.body.data.find((s: { urn: string }) => s.urn === '149002');
    const created = await call('/v1/people', {
      method: 'POST',
      token: adminToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Workerd Person',
        email: 'workerd@castlelane.example.org',
        schoolId: school.id,
        role: 'staff',
      }),
    });
    expect(created.status).toBe(201);
    const dup = await call('/v1/people', {
      method: 'POST',
      token: adminToken,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Again',
        email: 'WORKERD@castlelane.example.org',
        schoolId: school.id,
        role: 'staff',
      }),
    });
    // The unique violation travels back through the HTTP door as a Postgres error code.
    expect(dup.status).toBe(409);
    const report = await call(`/v1/schools/${school.id}/people/import`, {
      method: 'POST',
      token: adminToken,
      headers: { 'content-type': 'text/csv' },
      body: 'name,email,role\nImported One,imported.one@castlelane.example.org,staff\nBad,bad@,staff\n',
    });
    expect(report.status).toBe(200);
    expect(report.body.summary).toMatchObject({ added: 1, rejected: 1 });
    const rows = await stack.devstack.pg.query(
      "select count(*)::int as n from audit_log where action in ('person.created', 'people.imported')",
    );
    expect(rows.rows[0].n).toBe(2);
  });

  it('has built the demo library through the API: every school has a published policy', async () => {
    expect(stack.library).toMatchObject({ seeded: true, policies: 6 });
    const policies = await call('/v1/policies', { token: adminToken });
    expect(policies.body.data).toHaveLength(5);
    for (const p of policies.body.data) expect(p.schools[0].current.version).toBe(1);
    const clauses = await call('/v1/clauses?category=passwords_access', { token: adminToken });
    expect(clauses.body.data.length).toBeGreaterThan(0);
  });

  it('reads an uploaded Word document under workerd', async () => {
    const form = new FormData();
    const docx = await makeDocx([
      'Staff AUP',
      '',
      '• I will lock my screen when I leave my desk.',
      '• I will report any concern to the DSL.',
    ]);
    form.set('file', new File([docx as Uint8Array<ArrayBuffer>], 'aup.docx'));
    const res = await call('/v1/imports', { method: 'POST', token: adminToken, body: form });
    expect(res.status).toBe(201);
    expect(res.body.parsed.sections[0].clauses.map((c: { text: string }) => c.text)).toEqual([
      'I will lock my screen when I leave my desk.',
      'I will report any concern to the DSL.',
    ]);
  });

  it('runs the daily cron under workerd: a version due for review mails its owner', async () => {
    // A version due in five days, written as publishing would but dated so it is due whatever
    // today's date (the scheduler gives the handler the real time).
    const [policy] = (await call('/v1/policies', { token: adminToken })).body.data;
    await stack.devstack.pg.query(
      `insert into policy_versions (trust_id, policy_id, school_id, version, label, content, canonical_text, sha256, next_review_at)
       select trust_id, policy_id, school_id, version + 1, label, content, canonical_text, sha256,
              to_char(now() + interval '5 days', 'YYYY-MM-DD')
         from policy_versions where policy_id = $1 and version = 1`,
      [policy.id],
    );
    stack.devstack.mail.clear();
    const res = await fetch(`${stack.apiUrl}/__scheduled?cron=${encodeURIComponent('0 7 * * *')}`);
    expect(res.status).toBe(200);
    let mail = stack.devstack.mail.messages();
    for (let i = 0; i < 40 && mail.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      mail = stack.devstack.mail.messages();
    }
    expect(mail).toHaveLength(1);
    expect(mail[0]?.to).toEqual(['alex.morgan@pennine-trust.example.org']);
    expect(mail[0]?.subject.startsWith(`Review due: ${policy.title} (`)).toBe(true);
  });

  it('launches a campaign through the real queue, mails each person once, and records one signature from 20 racing submits', async () => {
    const [policy] = (await call('/v1/policies', { token: adminToken })).body.data;
    const school = policy.schools[0];
    const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const json = (body: unknown) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });
    const created = await call('/v1/campaigns', {
      method: 'POST',
      token: adminToken,
      headers: { 'content-type': 'application/json' },
      body: json({
        name: 'Stack campaign',
        policyId: policy.id,
        schoolIds: [school.schoolId],
        audiences: ['staff'],
        dueAt,
      }).body,
    });
    expect(created.status).toBe(201);
    stack.devstack.mail.clear();
    const launched = await call(`/v1/campaigns/${created.body.id}/launch`, {
      method: 'POST',
      token: adminToken,
    });
    expect(launched.status).toBe(202);
    const expected = launched.body.recipients as number;
    let mail = stack.devstack.mail.messages();
    for (let i = 0; i < 80 && mail.length < expected; i++) {
      await new Promise((r) => setTimeout(r, 250));
      mail = stack.devstack.mail.messages();
    }
    expect(mail).toHaveLength(expected);
    expect(new Set(mail.map((m) => m.to[0])).size).toBe(expected);

    const token = /\/sign\/([A-Za-z0-9_-]{43})/.exec(mail[0]!.text ?? '')![1];
    const page = await call(`/v1/sign/${token}`);
    expect(page.status).toBe(200);
    const body = JSON.stringify({ typedName: page.body.person.name, statements: page.body.statements });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(`/v1/sign/${token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const rows = await stack.devstack.pg.query(
      'select count(*)::int as n from signatures s join recipients r on r.id = s.recipient_id where r.campaign_id = $1',
      [created.body.id],
    );
    expect(rows.rows[0].n).toBe(1);
  });

  it("keeps tenants apart: the other trust's admin gets 404 for our school", async () => {
    const ours = (await call('/v1/schools', { token: adminToken })).body.data[0].id;
    expect((await call(`/v1/schools/${ours}`, { token: otherAdminToken })).status).toBe(404);
  });
});
