import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, trustId } from './columns.ts';
import { trusts } from './trusts.ts';

// One row per message that must reach a person once (a review reminder for a version, later a
// campaign's reminder steps). Written after the send, whose Resend idempotency key makes a retried
// send harmless; the unique key stops the next run from sending it again.
export const notificationsSent = pgTable(
  'notifications_sent',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    recipient: text('recipient').notNull(),
    sentAt: createdAt(),
  },
  (t) => [
    unique('notifications_sent_uq').on(t.kind, t.subjectId, t.recipient),
    index('notifications_sent_trust_idx').on(t.trustId),
  ],
);
