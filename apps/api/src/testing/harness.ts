import { applyMigrations } from '@attest/db/migrate';
import { type AccountRow, listAccounts, seedDemo, stableUuid } from '@attest/db/seed/index';
import { type Devstack, startDevstack } from '@attest/devstack';
import {
  createScratchDatabase,
  createScratchLogin,
  type ScratchLogin,
} from '@attest/devstack/scratch-database';
import { createApp } from '../app.ts';
import type { DepsOverrides } from '../lib/deps.ts';

// The API under test is the real Hono app, reached with app.request() in-process, talking to
// Postgres through the real Neon drivers and the dev stack's doors. Only the seams (database,
// clock) are chosen here; no module of ours is mocked.

/** The queue seam: records what the API enqueues, for a test to deliver (and redeliver). */
export class RecordingQueue<T = unknown> {
  readonly sent: T[] = [];
  /** Set to make every send throw, as a queue outage would. */
  failing = false;
  async send(body: T) {
    if (this.failing) throw new Error('queue unavailable');
    this.sent.push(body);
  }
  async sendBatch(messages: { body: T }[]) {
    if (this.failing) throw new Error('queue unavailable');
    for (const m of messages) this.sent.push(m.body);
  }
  /** Takes everything enqueued so far, as the consumer would receive it. */
  drain(): T[] {
    return this.sent.splice(0, this.sent.length);
  }
}

export interface Harness {
  stack: Devstack;
  queue: RecordingQueue;
  app: ReturnType<typeof createApp>;
  env: Record<string, string>;
  accounts: AccountRow[];
  /** Demo school ids by key, e.g. ids.school('pennine', 'moorthorpe'). */
  ids: { school: (trust: string, key: string) => string; person: (trust: string, email: string) => string };
  token: (email: string, opts?: { expiresInSeconds?: number; issuedAt?: number }) => Promise<string>;
  request: (method: string, path: string, opts?: RequestOptions) => Promise<ApiResponse>;
  sql: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  /** With `runtimeLogin`: the login the API connects as (a member of attest_app, owning nothing). */
  runtime?: Pick<ScratchLogin, 'role' | 'url' | 'connect'>;
  stop: () => Promise<void>;
}

export interface HarnessOptions extends DepsOverrides {
  /**
   * Run the API as production does: connected as a LOGIN role that owns nothing and is a member of
   * attest_app (README, Deploying), on a scratch database of TEST_DATABASE_URL's server. Migrations,
   * the seed and `h.sql` stay the owner. Needs TEST_DATABASE_URL.
   */
  runtimeLogin?: boolean;
}

export interface RequestOptions {
  /** Demo account email to sign in as; omit for an anonymous request. */
  as?: string;
  token?: string;
  json?: unknown;
  /** A string, or FormData for uploads (the multipart boundary is set by Request). */
  body?: string | FormData;
  headers?: Record<string, string>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  body: any;
  text: string;
}

/** The signing-link secret of every test API: a test can derive a link as the API would. */
export const TEST_TOKEN_SECRET = 'test-token-secret-0123456789abcdef0123456789';
/** What the web app presents to have the signer's address and browser believed. */
export const TEST_WEB_API_KEY = 'test-web-api-key-0123456789abcdef0123456789';
export const ADMIN = 'alex.morgan@pennine-trust.example.org';
export const MOORTHORPE_HEAD = 'r.dobson@moorthorpe.example.org';
/** Moorthorpe's school admin (school business manager): the same reach as its head. */
export const MOORTHORPE_SCHOOL_ADMIN = 'j.bell@moorthorpe.example.org';
export const OTHER_ADMIN = 'jordan.ellis@riverside-trust.example.org';
export const OTHER_HEAD = 'g.okafor@riverside.example.org';

/** The demo trusts' ids, which the seed derives from their keys: demoIds.school('pennine', 'moorthorpe'). */
export const demoIds: Harness['ids'] = {
  school: (trust, key) => stableUuid(`school:${trust}:${key}`),
  person: (trust, email) => stableUuid(`person:${trust}:${email}`),
};

/**
 * Starts an in-memory dev stack (PGlite) migrated and seeded with the demo trusts. With
 * TEST_DATABASE_URL set, uses a fresh database on that server instead.
 */
/** For a migration test: stop after `migratedUpTo`, write an older release's data, then migrate. */
export interface OlderRelease {
  migratedUpTo: string;
  write: (sql: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<void>;
}

export async function startHarness(
  { runtimeLogin, ...overrides }: HarnessOptions = {},
  before?: OlderRelease,
): Promise<Harness> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (runtimeLogin && !serverUrl) throw new Error('runtimeLogin needs TEST_DATABASE_URL');
  // HARNESS_DATABASE=server runs the in-process API tests against the Postgres server instead.
  const scratch =
    serverUrl && (runtimeLogin || process.env.HARNESS_DATABASE === 'server')
      ? await createScratchDatabase(serverUrl)
      : undefined;
  const databaseUrl = scratch?.url;
  const runtime = runtimeLogin && scratch ? await createScratchLogin(serverUrl!, scratch.url) : undefined;
  const dropDatabase = async () => {
    await scratch?.drop();
    await runtime?.drop();
  };
  let accounts: AccountRow[] = [];
  const stack = await startDevstack({
    port: 0,
    pgPort: 0,
    databaseUrl,
    doorsDatabaseUrl: runtime?.url,
    identity: { keyDir: null, listAccounts: async () => accounts },
  });
  if (before) {
    // The database as an older release left it: migrated up to a point, seeded, given that
    // release's data; then the rest of the migrations, as a deploy would run them.
    await applyMigrations(stack.pg, { upTo: before.migratedUpTo });
    await seedDemo(stack.pg);
    await before.write((text, params = []) => stack.pg.query(text, params).then((r) => r.rows));
    await applyMigrations(stack.pg);
  } else {
    await applyMigrations(stack.pg);
    await seedDemo(stack.pg);
  }
  accounts = await listAccounts(stack.pg);
  // attest_app exists once the migrations have run (roles are the server's, not the database's).
  if (runtime) await stack.pg.query(`grant attest_app to ${runtime.role}`);
  const queue = new RecordingQueue();
  const env = {
    ENVIRONMENT: 'test',
    DATABASE_URL: runtime?.url ?? stack.databaseUrl,
    CLERK_JWT_KEY: stack.jwtPublicKeyPem,
    NEON_FETCH_ENDPOINT: stack.sqlEndpoint,
    NEON_WS_PROXY: stack.wsProxy,
    RESEND_API_KEY: 're_test',
    RESEND_BASE_URL: stack.resendBaseUrl,
    PUBLIC_WEB_URL: 'http://127.0.0.1:5173',
    TOKEN_SECRET: TEST_TOKEN_SECRET,
    WEB_API_KEY: TEST_WEB_API_KEY,
    RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  };
  const app = createApp(overrides);
  const token = async (email: string, opts: { expiresInSeconds?: number; issuedAt?: number } = {}) => {
    const account = accounts.find((a) => a.email === email);
    if (!account) throw new Error(`no demo account ${email}`);
    return stack.issueToken({
      userId: account.userId,
      orgId: account.orgId,
      orgRole: account.orgRole,
      email,
      ...opts,
    });
  };
  const request = async (method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...opts.headers };
    const bearer = opts.token ?? (opts.as ? await token(opts.as) : undefined);
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: string | FormData | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, { method, headers, body }, { ...env, WORK_QUEUE: queue });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: leave the text
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };
  const sql = async <T>(text: string, params: unknown[] = []) =>
    (await stack.pg.query(text, params)).rows as T[];
  return {
    stack,
    queue,
    app,
    env,
    get accounts() {
      return accounts;
    },
    ids: demoIds,
    token,
    request,
    sql,
    ...(runtime ? { runtime: { role: runtime.role, url: runtime.url, connect: runtime.connect } } : {}),
    stop: async () => {
      await stack.stop();
      await dropDatabase();
    },
  };
}

/**
 * Every table's row count and a fingerprint of its rows, and how many messages the queue holds:
 * to prove a refused request wrote nothing, anywhere. Tables are listed from the database itself,
 * so a table added tomorrow is covered without an edit here.
 */
export async function tableCounts(h: Harness): Promise<Record<string, string>> {
  const tables = await h.sql<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const rows = await h.sql<{ name: string; n: string; fingerprint: string | null }>(
    tables
      .map(
        ({ name }) =>
          `select '${name}' as name, count(*)::text as n, md5(string_agg(t::text, ',' order by t::text)) as fingerprint from "${name}" t`,
      )
      .join(' union all '),
  );
  return {
    ...Object.fromEntries(rows.map((r) => [r.name, `${r.n} ${r.fingerprint ?? ''}`])),
    queue: String(h.queue.sent.length),
  };
}

/**
 * Delivers queued message bodies to the real queue consumer, as Cloudflare Queues would (call it
 * twice with the same bodies for a redelivery). Answers how many were acked and retried.
 */
export async function deliverQueued(
  h: Harness,
  bodies: unknown[],
  opts: { attempts?: number; delays?: (number | undefined)[] } = {},
) {
  const { handleQueueBatch, WORK_QUEUE } = await import('../queues/index.ts');
  const outcome = { acked: 0, retried: 0 };
  await handleQueueBatch(
    WORK_QUEUE,
    bodies.map((body) => ({
      body,
      attempts: opts.attempts ?? 1,
      ack: () => outcome.acked++,
      retry: (options?: { delaySeconds?: number }) => {
        outcome.retried++;
        opts.delays?.push(options?.delaySeconds);
      },
    })),
    { ...h.env, WORK_QUEUE: h.queue },
  );
  return outcome;
}

const PASSWORDS = {
  category: 'passwords_access',
  title: 'Passwords',
  text: 'I will not disclose any passwords provided to me by {{school.name}}.',
};

/**
 * A one-clause policy composed by the trust admin and published at every school, as the tests of
 * anything sent for signing start. Answers the policy's id.
 */
export async function publishPolicy(
  h: Harness,
  opts: {
    title?: string;
    /** One school's own policy; every school's by default. */
    schoolId?: string;
    audiences?: string[];
    clause?: { category: string; title: string; text: string };
    heading?: string | null;
    statements?: string[];
    reviewCycleMonths?: number;
    /** The publication's label; none by default. */
    label?: string;
  } = {},
): Promise<string> {
  const {
    title = 'AUP',
    audiences = ['staff'],
    clause: clauseInput = PASSWORDS,
    heading = null,
    label,
    ...rest
  } = opts;
  const clause = await h.request('POST', '/v1/clauses', { as: ADMIN, json: clauseInput });
  const policy = await h.request('POST', '/v1/policies', {
    as: ADMIN,
    json: { title, audiences, sections: [{ heading, clauseIds: [clause.body.id] }], ...rest },
  });
  const published = await h.request('POST', `/v1/policies/${policy.body.id}/publish`, {
    as: ADMIN,
    json: label ? { label } : {},
  });
  if (published.status !== 201 && published.status !== 200)
    throw new Error(`publishing the test policy failed: ${published.text.slice(0, 300)}`);
  return policy.body.id;
}

/**
 * What most campaign tests start from: a one-clause "Staff Acceptable Use Agreement" composed by
 * the trust admin and published at every school as "2026/27". Answers the policy's id.
 */
export function publishStaffPolicy(
  h: Harness,
  opts: { clauseText?: string; heading?: string | null } = {},
): Promise<string> {
  return publishPolicy(h, {
    title: 'Staff Acceptable Use Agreement',
    clause: { ...PASSWORDS, text: opts.clauseText ?? PASSWORDS.text },
    heading: opts.heading,
    statements: ['I have read and agree to this agreement.'],
    label: '2026/27',
  });
}

/**
 * A campaign for a published policy, created and launched by the trust admin; its emails are left
 * on the queue. Answers its id and how many people it went to.
 */
export async function launchCampaign(
  h: Harness,
  opts: { policyId: string; schoolIds: string[]; name?: string; audiences?: string[]; dueInDays?: number },
): Promise<{ campaignId: string; recipients: number }> {
  const { policyId, schoolIds, name = 'AUP', audiences = ['staff'], dueInDays = 30 } = opts;
  const dueAt = new Date(Date.now() + dueInDays * 86_400_000).toISOString().slice(0, 10);
  const campaign = await h.request('POST', '/v1/campaigns', {
    as: ADMIN,
    json: { name, policyId, schoolIds, audiences, dueAt },
  });
  const launched = await h.request('POST', `/v1/campaigns/${campaign.body.id}/launch`, { as: ADMIN });
  if (launched.status !== 202)
    throw new Error(`launching the test campaign failed: ${launched.text.slice(0, 300)}`);
  return { campaignId: campaign.body.id, recipients: launched.body.recipients };
}
