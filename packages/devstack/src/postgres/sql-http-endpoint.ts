import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import pg from 'pg';
import { refusal } from './door-secret.ts';
import {
  type BatchOptions,
  beginStatement,
  headerFlag,
  isPostgresError,
  type NeonQuery,
  NeonRequestError,
  type NeonResult,
  parseIsolationLevel,
  parsePayload,
  toNeonErrorBody,
  toNeonResult,
} from './neon-http-format.ts';

/**
 * A node-postgres pool that hands back every value as Postgres's text output, untouched, because
 * Neon's endpoint does the same (`Neon-Raw-Text-Output: true`) and the driver parses types itself.
 */
export function createRawTextPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    types: { getTypeParser: () => (value: string) => value },
  });
  // An idle client whose server went away (restart, stop) emits 'error' on the pool; without a
  // listener Node would crash the whole dev stack. The pool drops that client and makes another.
  pool.on('error', () => {});
  return pool;
}

/**
 * Neon's SQL-over-HTTP door: POST `{query, params}` or `{queries: [...]}` (one transaction),
 * as sent by `neon()` when `neonConfig.fetchEndpoint` points here. The Neon-Connection-String
 * header is ignored: this endpoint only ever talks to the pool it was given.
 *
 * Mounted at some base (the dev stack uses /sql), it answers only `<base>/<secret>`, and never a
 * request from a web page (see door-secret.ts): anything else is 403 before the body is read.
 */
export function createSqlHttpEndpoint(pool: pg.Pool, options: { secret: string }): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    const why = refusal(c.req.header('origin'), c.req.path.split('/').pop(), options.secret);
    if (why) return c.json({ message: why, code: null }, 403);
    await next();
  });

  app.post('/:secret', async (c) => {
    try {
      const arrayMode = headerFlag(c.req.header('neon-array-mode'));
      const batchOptions: BatchOptions = {
        isolationLevel: parseIsolationLevel(c.req.header('neon-batch-isolation-level')),
        readOnly: headerFlag(c.req.header('neon-batch-read-only')),
        deferrable: headerFlag(c.req.header('neon-batch-deferrable')),
      };
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new NeonRequestError('request body is not valid JSON');
      }
      const payload = parsePayload(body);
      if ('single' in payload) return c.json(await runSingle(pool, payload.single, arrayMode));

      // Neon echoes the batch transaction options back as response headers.
      if (batchOptions.isolationLevel) c.header('Neon-Batch-Isolation-Level', batchOptions.isolationLevel);
      if (batchOptions.readOnly) c.header('Neon-Batch-Read-Only', 'true');
      if (batchOptions.deferrable) c.header('Neon-Batch-Deferrable', 'true');
      return c.json({ results: await runBatch(pool, payload.batch, arrayMode, batchOptions) });
    } catch (error) {
      // 400 + the Postgres error fields is what makes the driver raise NeonDbError with `.code`;
      // anything else (database unreachable, a bug here) is a server error, as on Neon.
      const status: ContentfulStatusCode =
        isPostgresError(error) || error instanceof NeonRequestError ? 400 : 500;
      return c.json(toNeonErrorBody(error), status);
    }
  });

  return app;
}

async function runSingle(pool: pg.Pool, query: NeonQuery, arrayMode: boolean): Promise<NeonResult> {
  return withClient(pool, (client) => execute(client, query, arrayMode));
}

async function runBatch(
  pool: pg.Pool,
  queries: NeonQuery[],
  arrayMode: boolean,
  options: BatchOptions,
): Promise<NeonResult[]> {
  return withClient(pool, async (client) => {
    await client.query(beginStatement(options));
    try {
      const results: NeonResult[] = [];
      for (const query of queries) results.push(await execute(client, query, arrayMode));
      await client.query('COMMIT');
      return results;
    } catch (error) {
      // A failed ROLLBACK leaves the session dirty; withClient then discards the connection.
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

/**
 * Neon discards a connection that is not idle after a request (say, a lone `BEGIN` sent over
 * HTTP). We do the same: returning it to the pool would leak an open transaction into the next
 * request, and on PGlite it would block every other connection until it ended.
 */
async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    return await work(client);
  } catch (error) {
    broken = !isPostgresError(error);
    throw error;
  } finally {
    client.release(broken || client.getTransactionStatus() !== 'I');
  }
}

async function execute(client: pg.PoolClient, query: NeonQuery, arrayMode: boolean): Promise<NeonResult> {
  const result = await client.query({
    text: query.query,
    values: query.params,
    rowMode: 'array',
    // Neon runs every statement through the extended protocol (prepare + execute), so
    // several statements in one string fail there (42601); plain pg would run them via simple query.
    queryMode: 'extended',
  } as pg.QueryArrayConfig);
  return toNeonResult(result, query.arrayMode ?? arrayMode);
}
