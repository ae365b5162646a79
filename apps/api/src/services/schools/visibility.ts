import { schools } from '@attest/db';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../lib/context.ts';

/**
 * The schools an actor may see: all of the trust's for a trust admin, their own for a head or
 * school admin. Everything outside answers 404, exactly like a missing record.
 */
export function visibleSchools(actor: Actor): SQL {
  const inTrust = eq(schools.trustId, actor.trustId);
  if (actor.isTrustAdmin) return inTrust;
  if (actor.schoolIds.length === 0) return sql`false`;
  return and(inTrust, inArray(schools.id, actor.schoolIds))!;
}

export function canSeeSchool(actor: Actor, schoolId: string): boolean {
  return actor.isTrustAdmin || actor.schoolIds.includes(schoolId);
}
