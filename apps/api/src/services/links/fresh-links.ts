import { hashToken, sha256Hex } from '@attest/core';
import { createTenantDb, type HttpDb } from '@attest/db';
import { yourLinksEmail } from '@attest/email';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LinkContext } from '../../lib/context.ts';
import type { AppConfig } from '../../lib/env.ts';
import { rowsOf } from '../../lib/rows.ts';
import type { TaskRow } from './purposes.ts';
import { linkToken, linkUrl } from './tokens.ts';

// "Email me a fresh link" (from a link we recognise) and "Email me my link" (by address, from a
// link we do not), for every purpose. There is no session: every query is keyed by the link's hash
// or by the address, never by an id the caller chose, and runs inside the trust the link or the
// address belongs to (row-level security, migration 0012). docs/adr/0009 and 0011.

/** A replacement link lasts this long from when it is issued. */
export const FRESH_LINK_DAYS = 30;
/** At most one "email me my link" message per link in this window, however often it is asked. */
const LINK_REQUEST_COOLDOWN = '10 minutes';

/**
 * Runs `work` once per trust among the tasks, with a database confined to that trust: an address
 * may have tasks in several trusts, and each trust's rows are written only from inside it.
 */
async function perTrust<T extends { trust_id: string }, R>(
  config: AppConfig,
  tasks: T[],
  work: (db: HttpDb, tasks: T[]) => Promise<R[]>,
): Promise<R[]> {
  const groups = new Map<string, T[]>();
  for (const t of tasks) groups.set(t.trust_id, [...(groups.get(t.trust_id) ?? []), t]);
  const results = await Promise.all(
    [...groups].map(([trustId, group]) => work(createTenantDb(config.DATABASE_URL, trustId), group)),
  );
  return results.flat();
}

/**
 * Claims the links (the cooldown) and replaces the expired ones in one statement: a new generation,
 * so the old token stops matching, and a new expiry. Two requests racing claim each link once: the
 * guard on the old generation and the cooldown let one update through. Answers the claimed tasks.
 */
export async function claim(ctx: Pick<LinkContext, 'config'>, tasks: TaskRow[]) {
  return perTrust(ctx.config, tasks, (db, group) => claimInTrust(ctx, db, group));
}

async function claimInTrust(ctx: Pick<LinkContext, 'config'>, db: HttpDb, tasks: TaskRow[]) {
  const next = await Promise.all(
    tasks.map(async (t) => {
      const generation = t.generation + (t.expired ? 1 : 0);
      const hash = await hashToken(await linkToken(ctx.config, { ...t, id: t.link_id, generation }));
      return { ...t, generation, hash, replaced: t.expired };
    }),
  );
  const col = <K extends keyof (typeof next)[number]>(k: K) => sql.param(next.map((t) => t[k]));
  const claimed = await db.execute(sql`
    update person_links l set
      requested_at = now(), updated_at = now(), generation = t.generation, token_hash = t.hash,
      expires_at = case when t.replaced then now() + make_interval(days => ${FRESH_LINK_DAYS}) else l.expires_at end
      from unnest(${col('link_id')}::uuid[], ${sql.param(tasks.map((t) => t.generation))}::int[],
                  ${col('generation')}::int[], ${col('hash')}::text[], ${col('replaced')}::boolean[])
           as t(id, old, generation, hash, replaced)
     where l.id = t.id and l.generation = t.old and l.withdrawn_at is null
       and (l.requested_at is null or l.requested_at < now() - ${LINK_REQUEST_COOLDOWN}::interval)
    returning l.id`);
  const ids = new Set(rowsOf('links claimed', z.object({ id: z.string() }), claimed).map((r) => r.id));
  return next.filter((t) => ids.has(t.link_id));
}

/**
 * A task with the generation its link has now, and whether that link replaced one the person
 * already had (expired, or retired by an address change): the email then says the old one stopped.
 */
export type LinkedTask = TaskRow & { generation: number; replaced: boolean };

/** One message listing every task given, each with its own link. Lifts the cooldown if it fails. */
export async function mailTasks(ctx: Pick<LinkContext, 'config' | 'mail'>, tasks: LinkedTask[]) {
  if (tasks.length === 0) return 0;
  const first = tasks[0]!;
  const message = yourLinksEmail({
    personName: first.person_name,
    tasks: await Promise.all(
      tasks.map(async (t) => ({
        action: t.action,
        title: t.title,
        schoolName: t.school_name,
        dueAt: t.due_at,
        replaced: t.replaced,
        link: await linkUrl(ctx.config, { id: t.link_id, purpose: t.purpose, generation: t.generation }),
      })),
    ),
  });
  const claimKey = await sha256Hex(tasks.map((t) => `${t.link_id}.${t.generation}`).join(','));
  try {
    await ctx.mail.send(
      {
        from: ctx.config.MAIL_FROM,
        to: [first.email],
        ...message,
        tags: [{ name: 'kind', value: 'fresh-link' }],
      },
      // One per claim: the ids and generations, and the moment (the cooldown spaces claims apart).
      { idempotencyKey: `links/${claimKey.slice(0, 32)}/${Date.now()}` },
    );
  } catch (error) {
    // Not sent: lift the cooldown so asking again straight away works (a replaced link stays
    // replaced; asking again mails the new one).
    await perTrust(ctx.config, tasks, async (db, group) => [
      await db.execute(sql`
        update person_links set requested_at = null where id = any(${sql.param(group.map((t) => t.link_id))}::uuid[])`),
    ]);
    throw error;
  }
  return tasks.length;
}
