import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, trustId, updatedAt } from './columns.ts';
import { policies, policyVersions } from './library.ts';
import { membershipRole, people } from './people.ts';
import { schools } from './schools.ts';
import { trusts } from './trusts.ts';

// Signing campaigns: a published policy sent to the people of some schools, each of whom signs
// from an emailed single-purpose link.

export const campaignStatus = pgEnum('campaign_status', ['draft', 'sending', 'sent', 'closed']);

export const campaigns = pgTable(
  'campaigns',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    name: text('name').notNull(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id),
    schoolIds: uuid('school_ids').array().notNull(),
    audiences: membershipRole('audiences').array().notNull(),
    dueAt: text('due_at').notNull(),
    message: text('message').notNull().default(''),
    /** Days after launch (positive) or before the due date (negative, as "due-N"): see services. */
    reminderSchedule: jsonb('reminder_schedule')
      .$type<string[]>()
      .notNull()
      .default(sql`'["+3","+7","due-1","due"]'::jsonb`),
    status: campaignStatus('status').notNull().default('draft'),
    /** The campaign this one re-runs (next year's round of the same policy), if any. */
    previousCampaignId: uuid('previous_campaign_id').references((): AnyPgColumn => campaigns.id),
    launchedAt: timestamptz('launched_at'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('campaigns_trust_idx').on(t.trustId)],
);

export const recipientStatus = pgEnum('recipient_status', [
  'queued',
  'sent',
  'delivered',
  'bounced',
  'signed',
  'withdrawn',
]);

/** One per person per campaign. Its emailed link is a person link (links.ts) with purpose 'sign'. */
export const recipients = pgTable(
  'recipients',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id),
    email: text('email').notNull(),
    status: recipientStatus('status').notNull().default('queued'),
    batchNo: integer('batch_no').notNull(),
    sends: integer('sends').notNull().default(0),
    lastSentAt: timestamptz('last_sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('recipients_campaign_person_uq').on(t.campaignId, t.personId),
    index('recipients_campaign_idx').on(t.campaignId, t.status),
    index('recipients_batch_idx').on(t.campaignId, t.batchNo),
    index('recipients_trust_idx').on(t.trustId),
  ],
);

/** Immutable evidence: who signed which exact words, when, from where. */
export const signatures = pgTable(
  'signatures',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => recipients.id)
      .unique(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id),
    versionSha256: text('version_sha256').notNull(),
    typedName: text('typed_name').notNull(),
    jobTitle: text('job_title'),
    statements: jsonb('statements').$type<string[]>().notNull(),
    signedAt: timestamptz('signed_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('signatures_trust_idx').on(t.trustId), index('signatures_person_idx').on(t.personId)],
);

/** Resend's webhook events, kept once each (unique by Svix message id: a replay is refused). */
export const emailEvents = pgTable(
  'email_events',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    svixId: text('svix_id').notNull().unique(),
    type: text('type').notNull(),
    recipientId: uuid('recipient_id').references(() => recipients.id),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [
    index('email_events_trust_idx').on(t.trustId),
    index('email_events_recipient_idx').on(t.recipientId),
  ],
);

/** "I have a question": what a signer asked their school from the signing page, and who was emailed. */
export const signerQuestions = pgTable(
  'signer_questions',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => recipients.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    body: text('body').notNull(),
    sentTo: text('sent_to').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    index('signer_questions_trust_idx').on(t.trustId),
    index('signer_questions_campaign_idx').on(t.campaignId, t.schoolId),
    index('signer_questions_recipient_idx').on(t.recipientId, t.createdAt),
  ],
);
