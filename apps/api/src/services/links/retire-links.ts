import { hashToken } from '@attest/core';
import { addressChangedEmail } from '@attest/email';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext, TrustActor } from '../../lib/context.ts';
import { rowsOf } from '../../lib/rows.ts';
import { mailTasks } from './fresh-links.ts';
import { allTasks, TaskRow } from './purposes.ts';
import { linkToken } from './tokens.ts';

// An email change retires the old address's links: every link of the person moves to a new
// generation, so the tokens in the old inbox stop working, and only the new address is sent the
// new ones. The old address is told that the address was changed (without naming the new one).

const LinkRow = z.object({ id: z.string(), purpose: TaskRow.shape.purpose, generation: z.number() });

/**
 * Works out the new tokens before the transaction (Postgres never sees the secret) and answers the
 * statement that moves the links, for the batch that changes the address. (Wrapped in an object:
 * a statement is a thenable, and returning it bare from an async function would run it here.) A link replaced under
 * a race (a fresh-link request at the same moment) is left as that request made it.
 */
export async function retireLinksStatement(ctx: ServiceContext<TrustActor>, personId: string) {
  const links = rowsOf(
    'links of a person',
    LinkRow,
    await ctx.db.execute(sql`
      select id, purpose, generation from person_links
       where trust_id = ${ctx.actor.trustId}::uuid and person_id = ${personId}::uuid and withdrawn_at is null`),
  );
  const next = await Promise.all(
    links.map(async (l) => ({
      ...l,
      next: l.generation + 1,
      hash: await hashToken(await linkToken(ctx.config, { ...l, generation: l.generation + 1 })),
    })),
  );
  const col = <K extends keyof (typeof next)[number]>(k: K) => sql.param(next.map((l) => l[k]));
  const statement = ctx.db.execute(sql`
    update person_links l set generation = t.next, token_hash = t.hash, updated_at = now()
      from unnest(${col('id')}::uuid[], ${col('generation')}::int[], ${col('next')}::int[], ${col('hash')}::text[])
           as t(id, old, next, hash)
     where l.id = t.id and l.generation = t.old`);
  return { statement };
}

/**
 * After the change has committed: the new address gets one message with the new link of every open
 * task it had already been sent (tasks still queued go out with the new link anyway), and the old
 * address is told. A failure here is logged, not thrown: the change itself has been made.
 */
export async function mailAfterAddressChange(
  ctx: ServiceContext<TrustActor>,
  {
    personId,
    personName,
    oldEmail,
    schoolNames,
  }: { personId: string; personName: string; oldEmail: string; schoolNames: string[] },
) {
  try {
    const tasks = rowsOf(
      'open tasks of a person',
      TaskRow,
      await ctx.db.execute(sql`
        select t.* from (${allTasks()}) t
         where t.person_id = ${personId}::uuid and t.state = 'open' and not t.withdrawn and t.mailed
         order by t.due_at nulls last, t.title`),
    );
    await mailTasks(
      ctx,
      tasks.map((t) => ({ ...t, replaced: true })),
    );
    await ctx.mail.send(
      {
        from: ctx.config.MAIL_FROM,
        to: [oldEmail],
        ...addressChangedEmail({ personName, schoolNames }),
        tags: [{ name: 'kind', value: 'address-changed' }],
      },
      { idempotencyKey: `address-changed/${personId}/${oldEmail}/${ctx.now().toISOString()}` },
    );
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'mail after an address change failed',
        personId,
        error: String(error),
      }),
    );
  }
}
