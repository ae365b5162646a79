import { type SQL, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * The insert that records one admin change. Returned unexecuted so the caller puts it in the same
 * `db.batch` as the change itself: the change and its audit entry commit together or not at all.
 * `onlyIf` makes the entry conditional on the change having happened (checked inside the same
 * transaction), for conditional updates that may match nothing under a race.
 */
export function auditInsert(ctx: ServiceContext, entry: AuditEntryInput, onlyIf?: SQL) {
  const { actor } = ctx;
  return ctx.db.execute(sql`
    insert into audit_log (trust_id, actor_user_id, actor_name, actor_email, action, entity_type, entity_id, summary, before, after)
    select ${actor.trustId}::uuid, ${actor.userId}::uuid, ${actor.name}, ${actor.email}, ${entry.action}, ${entry.entityType},
           ${entry.entityId}::uuid, ${entry.summary}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb
     where ${onlyIf ?? sql`true`}`);
}

/**
 * The acting admin as the first four audit_log columns (trust_id, actor_user_id, actor_name,
 * actor_email), for set-based statements that write one audit entry per row they change.
 */
export function auditActor(ctx: ServiceContext) {
  const { actor } = ctx;
  // A scheduled job acts as nobody: no user id or email, only its name.
  return sql`${actor.trustId}::uuid, ${actor.userId || null}::uuid, ${actor.name}::text, ${actor.email || null}::text`;
}
