import { type Hook, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type AppEnv, type LinkContext, linkContext, type ServiceContext } from './context.ts';
import { DomainError, notFound } from './errors.ts';

// zod failures become the standard envelope: a bad body is 422 (the request was understood but
// its content is wrong), a bad query string 400, and a malformed id in the path 404 — an id that
// cannot exist is answered exactly like one that does not, so ids reveal nothing.
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by every route's input types
export const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (result.success) return;
  if (result.target === 'param') throw notFound('That record');
  const details = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = details[0];
  const message = first
    ? `${first.path ? `${first.path}: ` : ''}${first.message}`
    : 'The request is not valid.';
  const code = result.target === 'json' || result.target === 'form' ? 'VALIDATION_FAILED' : 'BAD_REQUEST';
  throw new DomainError(code, message, details);
};

/** Every router is made here, so they all share the validation envelope. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** The seam between Hono and the framework-free services, for a signed-in admin's request. */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  return { ...c.var.deps, db: c.var.db, actor: c.var.actor };
}

/** The same seam for a public route reached by an emailed link (no account). */
export function publicContext(c: Context<AppEnv>): LinkContext {
  return linkContext(c.var.deps);
}

/**
 * Work that must not hold up (or time) the answer, such as a receipt email: after the answer in a
 * Worker (waitUntil); before it where there is no execution context (tests), so it is not lost.
 * A failure is logged, never thrown at someone who has already been told it worked.
 */
export async function afterAnswer(c: Context<AppEnv>, what: string, work: Promise<unknown>) {
  const logged = work.catch((error) =>
    console.error(JSON.stringify({ level: 'error', msg: `${what} failed`, error: String(error) })),
  );
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    await logged;
  }
}
