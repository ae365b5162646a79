import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../lib/context.ts';
import { createDeps, type DepsOverrides } from '../lib/deps.ts';

/**
 * Start-up for an HTTP request: the same createDeps(env) the queue consumer and cron use. A bad
 * environment throws BAD_ENVIRONMENT here, at the edge, naming the settings.
 */
export const environment = (overrides: DepsOverrides) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const deps = createDeps(c.env ?? {}, overrides);
    c.set('deps', deps);
    c.set('db', deps.db);
    await next();
  });
