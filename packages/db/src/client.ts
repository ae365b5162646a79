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

/** Request-path database: one HTTP round trip per statement or per `db.batch([...])`. */
export function createHttpDb(databaseUrl: string) {
  return drizzleHttp({ client: neon(databaseUrl), schema, casing: 'snake_case' });
}

/**
 * Interactive transactions (bulk import, publishing). The pool must be opened and closed within
 * one request: a Worker cannot keep a WebSocket alive between requests.
 */
export function createPoolDb(databaseUrl: string) {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  return { db: drizzleWs({ client: pool, schema, casing: 'snake_case' }), close: () => pool.end() };
}
