import { membershipRoles } from '@attest/core';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TrustActor } from '../../lib/context.ts';
import { jsonColumn, timestampColumn } from '../../lib/rows.ts';
import { actorSchoolIds, seesWholeTrust } from '../schools/visibility.ts';

// People are read with raw SQL because the answer nests memberships (with school names) inside
// each person: one statement, one round trip, whatever the page size.

/** Memberships an actor may see: a head sees a colleague's role at their own school only. */
export function membershipScope(actor: TrustActor, alias: string): SQL {
  const m = sql.raw(alias);
  if (seesWholeTrust(actor)) return sql`${m}.trust_id = ${actor.trustId}`;
  const own = actorSchoolIds(actor);
  if (own.length === 0) return sql`false`;
  return sql`${m}.trust_id = ${actor.trustId} and ${m}.school_id in (${sql.join(
    own.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}

export function personSelect(actor: TrustActor): SQL {
  return sql`
    select p.id, p.name, p.email, p.job_title as "jobTitle", p.created_at as "createdAt", p.updated_at as "updatedAt",
      coalesce((
        select json_agg(json_build_object('schoolId', m.school_id, 'schoolName', s.name, 'role', m.role,
                                          'joinedAt', m.joined_at, 'leftAt', m.left_at) order by s.name, m.role)
          from school_memberships m join schools s on s.id = m.school_id
         where m.person_id = p.id and ${membershipScope(actor, 'm')}
      ), '[]') as memberships
      from people p`;
}

/** A row of personSelect. */
export const PersonRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  jobTitle: z.string().nullable(),
  createdAt: timestampColumn,
  updatedAt: timestampColumn,
  memberships: jsonColumn(
    z.array(
      z.object({
        schoolId: z.string(),
        schoolName: z.string(),
        role: z.enum(membershipRoles),
        joinedAt: timestampColumn,
        leftAt: timestampColumn.nullable(),
      }),
    ),
  ),
});
export type PersonRow = z.infer<typeof PersonRow>;

export function presentPerson(row: PersonRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    jobTitle: row.jobTitle,
    memberships: row.memberships,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type Person = ReturnType<typeof presentPerson>;
