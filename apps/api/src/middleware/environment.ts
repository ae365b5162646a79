import { configureLocalDoors, createHttpDb } from '@attest/db';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../lib/context.ts';
import { parseEnv } from '../lib/env.ts';
import { ApiError } from '../lib/errors.ts';

export interface AppDependencies {
  /** The clock; tests pass a fixed one to check expiry and review dates. */
  now?: () => Date;
}

/**
 * Parses the environment and sets the per-request dependencies. The database client is created
 * per request: a Worker must not hold I/O objects across requests, and the HTTP driver's client
 * is only a closure over the URL, so this costs nothing.
 */
export const environment = (deps: AppDependencies) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const parsed = parseEnv(c.env ?? {});
    if (!parsed.ok) {
      console.error(JSON.stringify({ level: 'error', msg: 'bad environment', issues: parsed.issues }));
      throw new ApiError('BAD_ENVIRONMENT', 'The service is misconfigured.', parsed.issues);
    }
    const config = parsed.config;
    configureLocalDoors({ fetchEndpoint: config.NEON_FETCH_ENDPOINT, wsProxy: config.NEON_WS_PROXY });
    c.set('config', config);
    c.set('db', createHttpDb(config.DATABASE_URL));
    c.set('now', deps.now ?? (() => new Date()));
    await next();
  });
