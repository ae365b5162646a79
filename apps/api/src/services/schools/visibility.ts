import { schools } from '@attest/db';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { TrustActor } from '../../lib/context.ts';

/**
 * Whether the actor acts for the whole trust: a trust admin, or a job at work for the trust (a job
 * is scoped to one trust by its context, never to some of its schools).
 */
export function seesWholeTrust(actor: TrustActor): boolean {
  return actor.kind === 'system' || actor.isTrustAdmin;
}

/** The schools a head or school admin holds a role at; every school for the whole trust. */
export function actorSchoolIds(actor: TrustActor): string[] {
  return actor.kind === 'system' ? [] : actor.schoolIds;
}

/**
 * The schools an actor may see: all of the trust's for a trust admin, their own for a head or
 * school admin. Everything outside answers 404, exactly like a missing record.
 */
export function visibleSchools(actor: TrustActor): SQL {
  const inTrust = eq(schools.trustId, actor.trustId);
  if (seesWholeTrust(actor)) return inTrust;
  const own = actorSchoolIds(actor);
  if (own.length === 0) return sql`false`;
  return and(inTrust, inArray(schools.id, own))!;
}

export function canSeeSchool(actor: TrustActor, schoolId: string): boolean {
  return seesWholeTrust(actor) || actorSchoolIds(actor).includes(schoolId);
}
