import { createKeyedTenantDb } from '@attest/db';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../lib/deps.ts';
import { rowsOf } from '../../lib/rows.ts';

export interface ResendEvent {
  type: string;
  created_at?: string;
  data?: {
    email_id?: string;
    to?: string[];
    tags?: { name: string; value: string }[] | Record<string, string>;
  };
}

const tag = (tags: NonNullable<ResendEvent['data']>['tags'], name: string): string | undefined => {
  if (Array.isArray(tags)) return tags.find((t) => t.name === name)?.value;
  return tags?.[name];
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Status only moves forward: a late "delivered" never undoes "signed" or "bounced".
const transitions: Record<string, { to: string; from: string[] }> = {
  'email.delivered': { to: 'delivered', from: ['queued', 'sent'] },
  'email.bounced': { to: 'bounced', from: ['queued', 'sent', 'delivered'] },
};

/**
 * Applies one verified event in one transaction: the event row first (unique by Svix id), then
 * the recipient's forward-only status change and, for a bounce, a flag on the person, each only if
 * this very transaction stored the event. A replay stores nothing and changes nothing. Resend holds
 * no session: the statements run inside the trust of the recipient the event names
 * (attest_trust_of_recipient, in the same round trip), and reach no other.
 */
export async function applyResendEvent(
  { config }: Pick<Deps, 'config'>,
  { svixId, event }: { svixId: string; event: ResendEvent },
): Promise<'applied' | 'duplicate' | 'ignored'> {
  const recipientId = tag(event.data?.tags, 'recipient');
  if (!recipientId || !uuid.test(recipientId)) return 'ignored';
  const db = createKeyedTenantDb(config.DATABASE_URL, 'recipient', recipientId);
  const stored = sql`exists (select 1 from email_events where svix_id = ${svixId} and received_at = now())`;
  const step = transitions[event.type];
  // About the address we have now? An event for an old address (the person's email has changed
  // since) changes nothing: the new address has not bounced. Bare addresses, lower-cased.
  const to = (event.data?.to ?? []).map((a) => (/<([^>]+)>/.exec(a)?.[1] ?? a).trim().toLowerCase());
  const forAddress = (column: SQL) =>
    sql`(cardinality(${sql.param(to)}::text[]) = 0 or lower(${column}) = any(${sql.param(to)}::text[]))`;
  // A queued row is only moved by an event newer than the row's last change: a withdrawn person put
  // back in the queue must not be marked delivered by a late event about their earlier email.
  const eventAt = event.created_at && !Number.isNaN(Date.parse(event.created_at)) ? event.created_at : null;
  const notStale = sql`(status <> 'queued' or ${eventAt}::timestamptz is null or ${eventAt}::timestamptz >= updated_at)`;
  const [inserted] = await db.batch([
    db.execute(sql`
      insert into email_events (trust_id, svix_id, type, recipient_id, payload)
      select r.trust_id, ${svixId}, ${event.type}, r.id, ${JSON.stringify(event)}::jsonb from recipients r where r.id = ${recipientId}::uuid
      on conflict (svix_id) do nothing
      returning id`),
    db.execute(
      step
        ? sql`update recipients set status = ${step.to}::recipient_status, updated_at = now()
               where id = ${recipientId}::uuid and status::text = any(${sql.param(step.from)}::text[])
                 and ${forAddress(sql`email`)} and ${notStale} and ${stored}`
        : sql`select 1`,
    ),
    db.execute(
      event.type === 'email.bounced' || event.type === 'email.complained'
        ? sql`update people set bounced_at = coalesce(bounced_at, now()), updated_at = now()
               where id = (select person_id from recipients where id = ${recipientId}::uuid)
                 and ${forAddress(sql`email`)} and ${stored}`
        : sql`select 1`,
    ),
  ]);
  if (rowsOf('email event stored', z.object({ id: z.string() }), inserted).length > 0) return 'applied';
  const known = await db.execute(sql`select 1 from email_events where svix_id = ${svixId}`);
  return known.rows.length > 0 ? 'duplicate' : 'ignored';
}
