import { createHash } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '../schema/index.ts';
import { type DemoTrust, demoPeople, demoTrusts } from './demo-trust.ts';

/** Stable ids from names, so a re-seed and every machine agree on the demo rows' ids. */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(`attest-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface SeedResult {
  seeded: boolean;
  trusts: number;
  schools: number;
  people: number;
}

/**
 * Writes the demo trusts once. Idempotent: every insert is `on conflict do nothing` on stable ids,
 * so running it twice (or after a crash half-way) converges on the same data.
 */
export async function seedDemo(pool: pg.Pool, trusts: DemoTrust[] = demoTrusts): Promise<SeedResult> {
  const client = await pool.connect();
  const db = drizzle({ client, schema, casing: 'snake_case' });
  let schoolCount = 0;
  let peopleCount = 0;
  try {
    const existing = await client.query(
      'select count(*)::int as n from trusts where clerk_org_id = any($1)',
      [trusts.map((t) => t.clerkOrgId)],
    );
    if (existing.rows[0].n === trusts.length) return { seeded: false, trusts: 0, schools: 0, people: 0 };
    await client.query('begin');
    for (const [ti, trust] of trusts.entries()) {
      const trustId = stableUuid(`trust:${trust.key}`);
      await db
        .insert(schema.trusts)
        .values({ id: trustId, name: trust.name, slug: trust.slug, clerkOrgId: trust.clerkOrgId })
        .onConflictDoNothing();
      const adminUserId = stableUuid(`user:${trust.admin.email}`);
      await db
        .insert(schema.users)
        .values({
          id: adminUserId,
          trustId,
          clerkUserId: clerkUserIdFor(trust.admin.email),
          email: trust.admin.email,
          name: trust.admin.name,
        })
        .onConflictDoNothing();
      await db
        .insert(schema.roleAssignments)
        .values({
          id: stableUuid(`role:${trust.admin.email}:trust_admin`),
          trustId,
          userId: adminUserId,
          role: 'trust_admin',
        })
        .onConflictDoNothing();

      for (const [si, school] of trust.schools.entries()) {
        const schoolId = stableUuid(`school:${trust.key}:${school.key}`);
        schoolCount++;
        await db
          .insert(schema.schools)
          .values({
            id: schoolId,
            trustId,
            name: school.name,
            urn: school.urn,
            phase: school.phase,
            variables: school.variables,
          })
          .onConflictDoNothing();
        const headUserId = stableUuid(`user:${school.head.email}`);
        await db
          .insert(schema.users)
          .values({
            id: headUserId,
            trustId,
            clerkUserId: clerkUserIdFor(school.head.email),
            email: school.head.email,
            name: school.head.name,
          })
          .onConflictDoNothing();
        await db
          .insert(schema.roleAssignments)
          .values({
            id: stableUuid(`role:${school.head.email}:head`),
            trustId,
            userId: headUserId,
            role: 'head',
            schoolId,
          })
          .onConflictDoNothing();

        if (school.schoolAdmin) {
          const adminUserId = stableUuid(`user:${school.schoolAdmin.email}`);
          await db
            .insert(schema.users)
            .values({
              id: adminUserId,
              trustId,
              clerkUserId: clerkUserIdFor(school.schoolAdmin.email),
              email: school.schoolAdmin.email,
              name: school.schoolAdmin.name,
            })
            .onConflictDoNothing();
          await db
            .insert(schema.roleAssignments)
            .values({
              id: stableUuid(`role:${school.schoolAdmin.email}:school_admin`),
              trustId,
              userId: adminUserId,
              role: 'school_admin',
              schoolId,
            })
            .onConflictDoNothing();
        }

        const members = [
          { ...school.head, role: 'staff' as const },
          ...(school.schoolAdmin ? [{ ...school.schoolAdmin, role: 'staff' as const }] : []),
          ...demoPeople(school, 1000 * (ti + 1) + si),
        ];
        const personRows = members.map((p) => ({
          id: stableUuid(`person:${trust.key}:${p.email}`),
          trustId,
          name: p.name,
          email: p.email,
          jobTitle: p.jobTitle,
        }));
        await db.insert(schema.people).values(personRows).onConflictDoNothing();
        await db
          .insert(schema.schoolMemberships)
          .values(
            members.map((p, i) => ({
              id: stableUuid(`membership:${trust.key}:${school.key}:${p.email}`),
              trustId,
              schoolId,
              personId: personRows[i]!.id,
              role: p.role,
              joinedAt: '2024-09-01T08:00:00Z',
            })),
          )
          .onConflictDoNothing();
        peopleCount += members.length;
      }
    }
    await client.query('commit');
    return { seeded: true, trusts: trusts.length, schools: schoolCount, people: peopleCount };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Clerk-shaped user ids for demo accounts (`user_` + a stable suffix). */
export function clerkUserIdFor(email: string): string {
  return `user_demo_${createHash('sha1').update(email).digest('hex').slice(0, 16)}`;
}

export interface AccountRow {
  userId: string;
  email: string;
  name: string;
  orgId: string;
  orgRole: 'org:admin' | 'org:member';
  trustName: string;
  role: string;
  schools: string[];
}

/**
 * Everyone who can sign in, as the dev identity issuer lists them. Trust admins are Clerk
 * organization admins; heads and school admins are members with a role on their schools.
 */
export async function listAccounts(pool: pg.Pool): Promise<AccountRow[]> {
  const { rows } = await pool.query(`
    select u.clerk_user_id as "userId", u.email, u.name, t.clerk_org_id as "orgId", t.name as "trustName",
           bool_or(ra.role = 'trust_admin') as "isAdmin",
           string_agg(distinct ra.role::text, ', ') as role,
           coalesce(array_agg(s.name order by s.name) filter (where s.name is not null), '{}') as schools
      from users u
      join trusts t on t.id = u.trust_id
      join role_assignments ra on ra.user_id = u.id
      left join schools s on s.id = ra.school_id
     group by u.id, t.id
     order by t.name, bool_or(ra.role = 'trust_admin') desc, u.name`);
  return rows.map((r) => ({
    userId: r.userId,
    email: r.email,
    name: r.name,
    orgId: r.orgId,
    orgRole: r.isAdmin ? 'org:admin' : 'org:member',
    trustName: r.trustName,
    role: r.role,
    schools: r.schools,
  }));
}
