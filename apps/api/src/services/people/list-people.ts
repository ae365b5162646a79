import type { MembershipRole } from '@attest/core';
import { type SQL, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { decodeCursor, encodeCursor } from '../../lib/cursor.ts';
import { rowsOf } from '../../lib/rows.ts';
import { membershipScope, PersonRow, personSelect, presentPerson } from './present.ts';

export interface ListPeopleInput {
  schoolId?: string;
  role?: MembershipRole;
  q?: string;
  status: 'active' | 'left' | 'all';
  limit: number;
  cursor?: string;
}

export async function listPeople(ctx: ServiceContext, input: ListPeopleInput) {
  const { actor } = ctx;
  const conditions: SQL[] = [sql`p.trust_id = ${actor.trustId}`];
  // A person is listed when a visible membership matches the filters. A trust admin with no
  // filters also sees people who have no membership at all (e.g. left every school long ago).
  const membershipFilters: SQL[] = [membershipScope(actor, 'f')];
  if (input.schoolId) membershipFilters.push(sql`f.school_id = ${input.schoolId}::uuid`);
  if (input.role) membershipFilters.push(sql`f.role = ${input.role}`);
  if (input.status === 'active') membershipFilters.push(sql`f.left_at is null`);
  const needsMembership = !actor.isTrustAdmin || input.schoolId || input.role || input.status !== 'all';
  if (needsMembership) {
    conditions.push(
      sql`exists (select 1 from school_memberships f where f.person_id = p.id and ${sql.join(membershipFilters, sql` and `)})`,
    );
  }
  if (input.status === 'left') {
    // Left means no current membership among those in view.
    const current: SQL[] = [membershipScope(actor, 'a'), sql`a.left_at is null`];
    if (input.schoolId) current.push(sql`a.school_id = ${input.schoolId}::uuid`);
    conditions.push(
      sql`not exists (select 1 from school_memberships a where a.person_id = p.id and ${sql.join(current, sql` and `)})`,
    );
  }
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    conditions.push(sql`(p.name ilike ${like} or p.email ilike ${like} or p.job_title ilike ${like})`);
  }
  const cursor = decodeCursor(input.cursor, 2);
  if (cursor) conditions.push(sql`(lower(p.name), p.id) > (${cursor[0]}, ${cursor[1]}::uuid)`);
  const result = await ctx.db.execute(sql`
    ${personSelect(actor)}
     where ${sql.join(conditions, sql` and `)}
     order by lower(p.name), p.id
     limit ${input.limit + 1}`);
  const rows = rowsOf('people', PersonRow, result);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    data: page.map(presentPerson),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.name.toLowerCase(), last.id]) : null,
  };
}
