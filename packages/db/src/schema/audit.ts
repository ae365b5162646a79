import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, trustId } from './columns.ts';
import { trusts } from './trusts.ts';

// Append-only: a trigger in the migration refuses UPDATE and DELETE, so not even a bug in the API
// can rewrite history. The actor's name and email are copied in so the log reads the same after
// the account is gone.
export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    trustId: trustId().references(() => trusts.id),
    at: createdAt(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    summary: text('summary').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    index('audit_log_trust_at_idx').on(t.trustId, t.at),
    index('audit_log_entity_idx').on(t.trustId, t.entityType),
  ],
);
