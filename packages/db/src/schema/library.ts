import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, trustId, updatedAt } from './columns.ts';
import { membershipRole } from './people.ts';
import { schools } from './schools.ts';
import { trusts } from './trusts.ts';

// The clause library: what a trust's schools promise, kept once and rendered per school.

export const clauseCategories = [
  'passwords_access',
  'email_communication',
  'data_protection',
  'monitoring',
  'images_video',
  'social_media_conduct',
  'personal_devices',
  'loaned_equipment',
  'software_hardware',
  'safeguarding_reporting',
  'copyright',
  'security_antivirus',
  'consequences_acknowledgement',
] as const;
export const clauseCategory = pgEnum('clause_category', clauseCategories);

/**
 * A duty, e.g. "passwords are never disclosed". Trust-wide when school_id is null; a clause only
 * one school has carries that school's id.
 */
export const clauses = pgTable(
  'clauses',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    category: clauseCategory('category').notNull(),
    title: text('title').notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamptz('archived_at'),
  },
  (t) => [index('clauses_trust_idx').on(t.trustId, t.category)],
);

/**
 * Wordings of a clause, never changed once written: a new wording is a new version. school_id
 * null is the trust's wording; a row with a school_id is that school's variant (text null means
 * "back to the trust wording"). The current wording for a school is its newest variant if any,
 * else the newest trust wording.
 */
export const clauseVersions = pgTable(
  'clause_versions',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => clauses.id),
    schoolId: uuid('school_id').references(() => schools.id),
    version: integer('version').notNull(),
    text: text('text'),
    /** Nested rules kept under their parent (e.g. the mobile-phone sub-rules), as templates. */
    children: jsonb('children').$type<ClauseChild[]>().notNull().default([]),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('clause_versions_clause_idx').on(t.clauseId, t.schoolId, t.version),
    unique('clause_versions_uq').on(t.clauseId, t.schoolId, t.version).nullsNotDistinct(),
    index('clause_versions_trust_idx').on(t.trustId),
  ],
);

export interface ClauseChild {
  text: string;
  children: ClauseChild[];
}

export interface PolicySection {
  heading: string | null;
  clauseIds: string[];
}

/** A composed policy: ordered sections of clause references, and what the signer agrees to. */
export const policies = pgTable(
  'policies',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    title: text('title').notNull(),
    /** Null: the trust's policy for every school; set: one school's own policy. */
    schoolId: uuid('school_id').references(() => schools.id),
    audiences: membershipRole('audiences').array().notNull().default(sql`'{staff}'`),
    intro: jsonb('intro').$type<string[]>().notNull().default([]),
    sections: jsonb('sections').$type<PolicySection[]>().notNull().default([]),
    statements: jsonb('statements').$type<string[]>().notNull().default([]),
    fields: jsonb('fields').$type<string[]>().notNull().default([]),
    reviewCycleMonths: integer('review_cycle_months').notNull().default(12),
    ownerUserId: uuid('owner_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archivedAt: timestamptz('archived_at'),
  },
  (t) => [index('policies_trust_idx').on(t.trustId)],
);

/**
 * What a school's staff sign: an immutable rendered snapshot. The SHA-256 of its canonical text
 * is what a signature records, so "who signed which words" survives any later edit.
 */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    version: integer('version').notNull(),
    label: text('label').notNull(),
    content: jsonb('content').notNull(),
    canonicalText: text('canonical_text').notNull(),
    sha256: text('sha256').notNull(),
    publishedAt: timestamptz('published_at').notNull().defaultNow(),
    publishedByUserId: uuid('published_by_user_id'),
    nextReviewAt: text('next_review_at').notNull(),
  },
  (t) => [
    unique('policy_versions_uq').on(t.policyId, t.schoolId, t.version),
    index('policy_versions_trust_idx').on(t.trustId, t.schoolId),
  ],
);

/** A policy a school already had, as uploaded, and how it was read. */
export const policyImports = pgTable(
  'policy_imports',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    schoolId: uuid('school_id').references(() => schools.id),
    filename: text('filename').notNull(),
    mediaType: text('media_type').notNull(),
    sourceText: text('source_text').notNull(),
    parsed: jsonb('parsed').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    /** Set once the import has been built into the library; it cannot be built twice. */
    acceptedAt: timestamptz('accepted_at'),
  },
  (t) => [index('policy_imports_trust_idx').on(t.trustId)],
);
