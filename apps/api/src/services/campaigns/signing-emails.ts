import { sha256Hex } from '@attest/core';
import type { HttpDb } from '@attest/db';
import { signingRequestEmail } from '@attest/email';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppConfig } from '../../lib/env.ts';
import { fromSchool } from '../../lib/mail-from.ts';
import { intColumn, rowsOf } from '../../lib/rows.ts';
import { linkUrl } from '../links/tokens.ts';

const Row = z.object({
  id: z.string(),
  link_id: z.string(),
  generation: intColumn,
  email: z.string(),
  person_name: z.string(),
  school_name: z.string(),
  policy_title: z.string(),
  version_label: z.string(),
  due_at: z.string(),
  message: z.string(),
});
type Row = z.infer<typeof Row>;

/**
 * The people a message names, with what their email needs. `which` picks them: the batch's still
 * queued (a send), or the listed ones still outstanding (a reminder).
 */
export async function loadRecipients(
  db: HttpDb,
  trustId: string,
  campaignId: string,
  which: SQL,
): Promise<Row[]> {
  const result = await db.execute(sql`
    select r.id, l.id as link_id, l.generation, r.email, p.name as person_name, s.name as school_name,
           v.content->>'title' as policy_title, v.label as version_label, c.due_at, c.message
      from recipients r
      join person_links l on l.purpose = 'sign' and l.subject_id = r.id
      join campaigns c on c.id = r.campaign_id
      join people p on p.id = r.person_id
      join schools s on s.id = r.school_id
      join policy_versions v on v.id = r.policy_version_id
     where r.trust_id = ${trustId}::uuid and r.campaign_id = ${campaignId}::uuid and ${which}
     order by r.id`);
  return rowsOf('campaign recipients to mail', Row, result);
}

/** What a signing request needs to know about its recipient. */
export type SigningEmailRow = Omit<Row, 'link_id' | 'generation'>;

/**
 * One signing request, from the school. The campaign page's preview builds it with a placeholder
 * link, the sends with each person's own.
 */
export function signingEmail(
  config: AppConfig,
  campaignId: string,
  r: SigningEmailRow,
  link: string,
  reminder: boolean,
) {
  return {
    from: fromSchool(config, r.school_name),
    to: [r.email],
    ...signingRequestEmail({
      personName: r.person_name,
      schoolName: r.school_name,
      policyTitle: r.policy_title,
      versionLabel: r.version_label,
      dueAt: r.due_at,
      message: r.message,
      link,
      reminder,
    }),
    tags: [
      { name: 'campaign', value: campaignId },
      { name: 'recipient', value: r.id },
    ],
  };
}

/** One signing request per person, each with their own (recomputed, so identical) link. */
export function signingEmails(config: AppConfig, campaignId: string, rows: Row[], reminder: boolean) {
  return Promise.all(
    rows.map(async (r) =>
      signingEmail(
        config,
        campaignId,
        r,
        await linkUrl(config, { id: r.link_id, purpose: 'sign', generation: r.generation }),
        reminder,
      ),
    ),
  );
}

/** Derived from exactly the recipients mailed, so a redelivery replays rather than resends. */
export const idsKey = async (ids: string[]) => (await sha256Hex(ids.join(','))).slice(0, 16);

/** The recipients whose message Resend would not take (by index in the batch sent). */
export const refusedIds = (ids: string[], refused: { index: number }[]) =>
  refused.map((r) => ids[r.index]).filter((id): id is string => Boolean(id));

/**
 * A message Resend refuses outright (in practice, an address it cannot send to) will never be
 * delivered, so it counts as a bounce: the drill-down says "Email bounced: check the address" and
 * the person is flagged, as for a real bounce. Fixing the address puts them back in the queue.
 */
export function markUnusable(db: HttpDb, ids: string[]) {
  return db.execute(sql`
    with bounced as (
      update recipients set status = 'bounced', updated_at = now()
       where id = any(${sql.param(ids)}::uuid[]) and status in ('queued', 'sent', 'delivered')
      returning person_id)
    update people set bounced_at = coalesce(bounced_at, now()), updated_at = now()
     where id in (select person_id from bounced)`);
}
