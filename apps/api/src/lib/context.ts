import { createKeyedTenantDb, createTenantDb } from '@attest/db';
import type { Deps } from './deps.ts';
import type { Env } from './env.ts';

/** A signed-in admin, resolved from the verified session token and our role assignments. */
export interface UserActor {
  kind: 'user';
  userId: string;
  clerkUserId: string;
  name: string;
  email: string;
  trustId: string;
  trustName: string;
  isTrustAdmin: boolean;
  /** Schools a head or school admin may see; ignored for trust admins, who see all. */
  schoolIds: string[];
  roles: { role: 'trust_admin' | 'head' | 'school_admin'; schoolId: string | null }[];
}

/**
 * A cron job or queue consumer at work for one trust. It is named in the audit log by its job and
 * is nobody's account: services that only a person may use take `ServiceContext<UserActor>`, so
 * a job cannot call them, and nothing pretends a job is a trust admin.
 */
export interface SystemActor {
  kind: 'system';
  job: string;
  trustId: string;
}

/**
 * Whoever holds an emailed link: no account, no trust until the link's hash finds one. Services
 * for link holders key every query by that hash, never by an id the caller chose, and run inside
 * the link's trust (`linkHolderContext`).
 */
export interface LinkHolder {
  kind: 'link';
}

/** Anyone acting inside one trust. */
export type TrustActor = UserActor | SystemActor;
export type Actor = TrustActor | LinkHolder;

/**
 * What every service gets as its first argument: never Hono's context, so routes, queue consumers
 * and cron call the same code. The default is a signed-in admin, the commonest caller.
 */
export interface ServiceContext<A extends Actor = UserActor> extends Deps {
  actor: A;
}

export type SystemContext = ServiceContext<SystemActor>;
export type LinkContext = ServiceContext<LinkHolder>;

/**
 * A job's context for one trust. Its statements run under row-level security for that trust, as
 * a signed-in admin's do (ADR 0002): a job's query that forgot its trust filter still sees one trust.
 */
export function systemContext(deps: Deps, job: string, trustId: string): SystemContext {
  return {
    ...deps,
    db: createTenantDb(deps.config.DATABASE_URL, trustId),
    actor: { kind: 'system', job, trustId },
  };
}

/** A public door's context before any link is known: inside no trust (deps.db). */
export function linkContext(deps: Deps): LinkContext {
  return { ...deps, actor: { kind: 'link' } };
}

/**
 * The context for the holder of the link whose token hash this is: statements run as attest_app
 * inside that link's trust, found by `attest_trust_of_link` in the same round trip (migration
 * 0012). An unknown hash (or null) gives a database inside no trust, where the link is not found.
 */
export function linkHolderContext(ctx: LinkContext, hash: string | null): LinkContext {
  return { ...ctx, db: createKeyedTenantDb(ctx.config.DATABASE_URL, 'link', hash) };
}

/** The name the audit log and emails give an actor: a job by its name, in words. */
export function actorName(actor: TrustActor): string {
  return actor.kind === 'user' ? actor.name : `Attest (scheduled: ${actor.job.replaceAll('-', ' ')})`;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    deps: Deps;
    /** Inside no trust until sign-in; the signed-in trust's (row-level security) after. */
    db: Deps['db'];
    actor: UserActor;
  };
}
