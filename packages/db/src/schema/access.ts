import { index, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, trustId } from './columns.ts';
import { schools } from './schools.ts';
import { trusts } from './trusts.ts';

// People who sign in (Clerk users). Staff who only sign policies never have a row here: they use
// single-purpose emailed links.
export const users = pgTable(
  'users',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    clerkUserId: text('clerk_user_id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('users_trust_clerk_uq').on(t.trustId, t.clerkUserId),
    index('users_trust_idx').on(t.trustId),
  ],
);

export const accessRole = pgEnum('access_role', ['trust_admin', 'head', 'school_admin']);

// trust_admin has school_id null (every school); head and school_admin name one school each.
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: accessRole('role').notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('role_assignments_trust_user_idx').on(t.trustId, t.userId),
    unique('role_assignments_uq').on(t.userId, t.role, t.schoolId).nullsNotDistinct(),
  ],
);
