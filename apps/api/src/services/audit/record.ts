import { type SQL, sql } from 'drizzle-orm';
import { actorName, type ServiceContext, type TrustActor } from '../../lib/context.ts';

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
export function auditInsert(ctx: ServiceContext<TrustActor>, entry: AuditEntryInput, onlyIf?: SQL) {
  return ctx.db.execute(sql`
    insert into audit_log (trust_id, actor_user_id, actor_name, actor_email, action, entity_type, entity_id, summary, before, after)
    select ${auditActor(ctx)}, ${entry.action}, ${entry.entityType},
           ${entry.entityId}::uuid, ${entry.summary}, ${json(entry.before)}::jsonb, ${json(entry.after)}::jsonb
     where ${onlyIf ?? sql`true`}`);
}

/**
 * The acting admin as the first four audit_log columns (trust_id, actor_user_id, actor_name,
 * actor_email), for set-based statements that write one audit entry per row they change.
 */
export function auditActor(ctx: ServiceContext<TrustActor>) {
  const { actor } = ctx;
  // A job acts as nobody: no user id or email, only its name.
  const user = actor.kind === 'user' ? actor : null;
  return sql`${actor.trustId}::uuid, ${user?.userId ?? null}::uuid, ${actorName(actor)}::text, ${user?.email ?? null}::text`;
}
