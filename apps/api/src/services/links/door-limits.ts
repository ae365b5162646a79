import { keyedHash } from '@attest/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LinkContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { firstRowOf, intColumn } from '../../lib/rows.ts';

// Rate limits on the public doors that send mail or write: per address (or link) and per IP, per
// day. Each request is counted whether or not the address is known, and the limit answers the
// same 429 either way, so the limit tells nobody which addresses we hold. One statement: count
// the last day's requests, record this one only if it is allowed, prune rows past two days.

export type Door = 'links-by-address' | 'fresh-link' | 'question';

/** Per day. An IP is shared by a whole school's staff room, so its limit is the looser one. */
export const DOOR_LIMITS: Record<Door, { perSubject: number; perIp: number }> = {
  'links-by-address': { perSubject: 5, perIp: 40 },
  'fresh-link': { perSubject: 5, perIp: 40 },
  question: { perSubject: 5, perIp: 40 },
};

const Counts = z.object({ by_subject: intColumn, by_ip: intColumn });

export const tooManyToday = () =>
  new DomainError(
    'TOO_MANY_REQUESTS',
    'You have asked for this many times today. Check your inbox and spam folder, or try again tomorrow.',
  );

/**
 * Counts this request against the door's daily limits and refuses it (429) when either is reached.
 * `subject` is what is limited besides the IP: the address typed, or the link's hash.
 */
export async function countDoorRequest(
  ctx: LinkContext,
  { door, subject, ip }: { door: Door; subject: string; ip: string | null },
) {
  const limits = DOOR_LIMITS[door];
  const subjectKey = await keyedHash(
    ctx.config.TOKEN_SECRET,
    `${door}:subject:${subject.trim().toLowerCase()}`,
  );
  // No address (a direct call the edge did not label): all such requests share one allowance.
  const ipKey = await keyedHash(ctx.config.TOKEN_SECRET, `${door}:ip:${ip ?? 'unknown'}`);
  const counts = firstRowOf(
    'door limits',
    Counts,
    await ctx.db.execute(sql`
      with counted as (
        select count(*) filter (where key_hash = ${subjectKey}) as by_subject,
               count(*) filter (where key_hash = ${ipKey}) as by_ip
          from door_requests
         where door = ${door} and key_hash in (${subjectKey}, ${ipKey}) and created_at > now() - interval '1 day'
      ), recorded as (
        insert into door_requests (door, key_hash)
        select ${door}, k from unnest(array[${subjectKey}, ${ipKey}]::text[]) k, counted
         where counted.by_subject < ${limits.perSubject} and counted.by_ip < ${limits.perIp}
      ), pruned as (
        delete from door_requests where door = ${door} and created_at < now() - interval '2 days'
      )
      select by_subject, by_ip from counted`),
  );
  if (!counts || counts.by_subject >= limits.perSubject || counts.by_ip >= limits.perIp) throw tooManyToday();
}
