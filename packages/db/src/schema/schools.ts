import { index, jsonb, pgEnum, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, id, trustId, updatedAt } from './columns.ts';
import { trusts } from './trusts.ts';

export const schoolPhase = pgEnum('school_phase', [
  'nursery',
  'primary',
  'secondary',
  'all-through',
  'special',
  'alternative',
]);

// The words a school uses where its policy differs from the trust's: the clause library renders
// `{{school.head_title}}` and friends from these. Kept as JSON so a new variable needs no migration;
// the API validates the known keys.
export interface SchoolVariables {
  headTitle?: string;
  misName?: string;
  dslTitle?: string;
  onlineSafetyLead?: string;
  governingBody?: string;
  [key: string]: string | undefined;
}

export const schools = pgTable(
  'schools',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    name: text('name').notNull(),
    urn: text('urn'),
    phase: schoolPhase('phase'),
    variables: jsonb('variables').$type<SchoolVariables>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('schools_trust_idx').on(t.trustId), unique('schools_trust_urn_uq').on(t.trustId, t.urn)],
);
