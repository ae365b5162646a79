import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../lib/context.ts';

const acceptable = /^[A-Za-z0-9._-]{8,128}$/;

/** A request id on every answer, so a user's report can be matched to the log line. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const given = c.req.header('x-request-id');
  const id = given && acceptable.test(given) ? given : crypto.randomUUID();
  c.set('requestId', id);
  c.header('x-request-id', id);
  await next();
});
