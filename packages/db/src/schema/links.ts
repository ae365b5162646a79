import { index, integer, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, trustId, updatedAt } from './columns.ts';
import { people } from './people.ts';
import { trusts } from './trusts.ts';

// One machinery for every emailed, person-facing task (DESIGN.md "person links"): signing a
// policy today; accepting a loan agreement, confirming a device, asking for an exception and
// making a declaration next. A link belongs to one person in one trust and opens one task (its
// purpose and subject); its token is derived from (purpose, link id, generation) with the Worker's
// secret and only the token's SHA-256 is stored. A new generation retires the old token.

export const linkPurposes = [
  'sign',
  'loan_agreement',
  'device_check',
  'exception_request',
  'declaration',
] as const;
export type LinkPurpose = (typeof linkPurposes)[number];

export const linkPurpose = pgEnum('link_purpose', linkPurposes);

export const personLinks = pgTable(
  'person_links',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    purpose: linkPurpose('purpose').notNull(),
    /** The task the link opens: a campaign recipient for 'sign', a loan for 'loan_agreement', … */
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** Bumped to replace the link (expired, or the address changed): the old token stops matching. */
    generation: integer('generation').notNull().default(0),
    expiresAt: timestamptz('expires_at').notNull(),
    /** Set when the task no longer applies to the person (they left, the loan was cancelled). */
    withdrawnAt: timestamptz('withdrawn_at'),
    /** The last time the person asked for the link again: at most one such email per 10 minutes. */
    requestedAt: timestamptz('requested_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('person_links_subject_uq').on(t.purpose, t.subjectId),
    index('person_links_trust_idx').on(t.trustId),
    index('person_links_person_idx').on(t.personId),
  ],
);
