import { neon, neonConfig, Pool } from '@neondatabase/serverless';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle as drizzleWs } from 'drizzle-orm/neon-serverless';
import * as schema from './schema/index.ts';

export type HttpDb = ReturnType<typeof createHttpDb>;
export type PoolDb = ReturnType<typeof createPoolDb>['db'];

export interface LocalDoors {
  /** Neon's HTTP SQL endpoint stand-in (the dev stack's `/sql`). */
  fetchEndpoint?: string;
  /** WebSocket-to-TCP bridge, `host:port/path`; the driver appends `?address=host:port`. */
  wsProxy?: string;
}

/**
 * Points the Neon driver at the dev stack's doors instead of Neon's own. Production leaves both
 * unset, so the very same driver talks to Neon. neonConfig is process-wide, which is fine: a
 * Worker isolate (or a test process) only ever talks to one database.
 */
export function configureLocalDoors(doors: LocalDoors): void {
  if (doors.fetchEndpoint) neonConfig.fetchEndpoint = doors.fetchEndpoint;
  if (doors.wsProxy) {
    const proxy = doors.wsProxy;
    neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
}

/**
 * Request-path database: one HTTP round trip per statement or per `db.batch([...])`, as whatever
 * role the URL logs in as, unconfined. The API never uses it bare: it runs every statement through
 * one of the confined databases below.
 */
export function createHttpDb(databaseUrl: string) {
  return drizzleHttp({ client: neon(databaseUrl), schema, casing: 'snake_case' });
}

type NeonSql = ReturnType<typeof neon>;
type QueryOptions = Parameters<NeonSql['query']>[2];

// Run as the row-level-security role with the tenant set, for this transaction only.
const ENTER_TENANT = "select set_config('role', 'attest_app', true), set_config('app.trust_id', $1, true)";

/**
 * The SECURITY DEFINER functions (migration 0012) that find the trust of what a caller with no
 * session holds. Each answers a trust id or null; nothing else.
 */
const TRUST_OF = {
  /** An emailed link's token hash (SHA-256, hex). */
  link: 'attest_trust_of_link',
  /** A verified session's Clerk organization id. */
  org: 'attest_trust_of_org',
  /** A campaign recipient's id (what Resend's webhook names). */
  recipient: 'attest_trust_of_recipient',
} as const;
export type TrustKey = keyof typeof TRUST_OF;

const enterTrustOf = (key: TrustKey) =>
  `select set_config('role', 'attest_app', true), set_config('app.trust_id', coalesce(${TRUST_OF[key]}($1)::text, ''), true)`;

/**
 * A request-path database confined to one trust by Postgres row-level security, as well as by the
 * queries' own `trust_id` filters. Every statement drizzle sends becomes a two-statement
 * transaction (enter the tenant, then the statement), and every batch gets the same first step:
 * still one HTTP round trip each. The wrapper hands drizzle lazy thenables so that a statement can
 * either be awaited alone or be gathered into a batch, as drizzle does with the plain client.
 */
export function createTenantDb(databaseUrl: string, trustId: string): HttpDb {
  return createConfinedDb(databaseUrl, ENTER_TENANT, trustId);
}

/**
 * The same, for a caller who holds a key rather than a session: the trust is the one the key
 * belongs to, found by a SECURITY DEFINER function inside the first statement of each round trip
 * (no extra round trip). A key nobody knows (or null) confines the statements to no trust at all:
 * they see no tenant's rows and can write none.
 */
export function createKeyedTenantDb(databaseUrl: string, by: TrustKey, key: string | null): HttpDb {
  return createConfinedDb(databaseUrl, enterTrustOf(by), key);
}

/**
 * Statements as attest_app inside no trust: every tenant table looks empty and refuses writes.
 * What runs before a trust is known (the cron's list of trusts, the public doors' daily counts)
 * needs no more.
 */
export function createNoTenantDb(databaseUrl: string): HttpDb {
  return createConfinedDb(databaseUrl, ENTER_TENANT, '');
}

function createConfinedDb(databaseUrl: string, enter: string, key: string | null): HttpDb {
  // Typed loosely: the per-statement options (array mode, full results) vary statement by statement.
  const base = neon(databaseUrl) as unknown as {
    query: (text: string, params?: unknown[], opts?: QueryOptions) => never;
    transaction: (queries: unknown[], opts?: unknown) => Promise<unknown[]>;
  };
  type Pending = PromiseLike<unknown> & {
    readonly tenantQuery: [string, unknown[] | undefined, QueryOptions];
  };
  const query = (text: string, params?: unknown[], opts?: QueryOptions): Pending => {
    let result: Promise<unknown> | undefined;
    const run = () =>
      (result ??= base
        .transaction([base.query(enter, [key]), base.query(text, params, opts)])
        .then((results) => results[1]));
    return {
      tenantQuery: [text, params, opts],
      // biome-ignore lint/suspicious/noThenProperty: a lazy thenable, exactly as the Neon client returns
      then: (onFulfilled, onRejected) => run().then(onFulfilled, onRejected),
    };
  };
  const transaction = (queries: Pending[], opts?: unknown) =>
    base
      .transaction([base.query(enter, [key]), ...queries.map((q) => base.query(...q.tenantQuery))], opts)
      .then((results) => results.slice(1));
  const client = Object.assign(query, { query, transaction });
  return drizzleHttp({
    client: client as unknown as NeonSql,
    schema,
    casing: 'snake_case',
  }) as unknown as HttpDb;
}

/**
 * Interactive transactions (bulk import, publishing). The pool must be opened and closed within
 * one request: a Worker cannot keep a WebSocket alive between requests.
 */
export function createPoolDb(databaseUrl: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  return { db: drizzleWs({ client: pool, schema, casing: 'snake_case' }), close: () => pool.end() };
}
