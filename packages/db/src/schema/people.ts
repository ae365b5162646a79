import { sql } from 'drizzle-orm';
import { index, pgEnum, pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, trustId, updatedAt } from './columns.ts';
import { schools } from './schools.ts';
import { trusts } from './trusts.ts';

export const membershipRole = pgEnum('membership_role', ['staff', 'governor', 'volunteer', 'visitor']);

// The directory. One row per human per trust: a teacher who works at two schools of the trust is
// one person with two memberships, so they sign once per policy version, not once per school.
export const people = pgTable(
  'people',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    jobTitle: text('job_title'),
    bouncedAt: timestamptz('bounced_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('people_trust_idx').on(t.trustId),
    // Unique email per trust, case-insensitive: "J.Smith@" and "j.smith@" are one person.
    uniqueIndex('people_trust_email_uq').on(t.trustId, sql`lower(${t.email})`),
    index('people_trust_name_idx').on(t.trustId, t.name),
  ],
);

export const schoolMemberships = pgTable(
  'school_memberships',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: membershipRole('role').notNull(),
    joinedAt: timestamptz('joined_at').notNull().defaultNow(),
    // Leaving keeps the row: what someone signed while they were here stays evidence.
    leftAt: timestamptz('left_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('school_memberships_trust_idx').on(t.trustId),
    index('school_memberships_school_idx').on(t.schoolId, t.role),
    unique('school_memberships_person_school_role_uq').on(t.personId, t.schoolId, t.role),
  ],
);
