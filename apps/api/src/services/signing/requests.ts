import { deriveToken, hashToken, looksLikeToken } from '@attest/core';
import { freshLinkEmail, signerQuestionEmail } from '@attest/email';
import { sql } from 'drizzle-orm';
import type { LinkContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { fromSchool } from '../../lib/mail-from.ts';
import { fromPgArray } from '../../lib/pg-values.ts';
import { requestClosed } from './signing.ts';

// What a signer can ask for without an account: their link again (from an expired link, or by
// typing their address on an unrecognised link's page), and "I have a question" to their school.
// These run on the owner connection (no session, so no trust to scope by): every query is keyed
// by the link's hash or by the address, never by an id the caller chose.

/** A replacement link lasts this long from when it is issued. */
const FRESH_LINK_DAYS = 30;
/** At most one "email me my link" message per request in this window, however often it is asked. */
const LINK_REQUEST_COOLDOWN = '10 minutes';
/** Questions one signer may send in a day: enough for real questions, too few to spam a head. */
export const QUESTIONS_PER_DAY = 5;

type Outstanding = {
  id: string;
  token_generation: number;
  expired: boolean;
  email: string;
  person_name: string;
  school_name: string;
  policy_title: string;
  version_label: string;
  due_at: string;
};

/** Requests still open to sign: not signed, not withdrawn, in a campaign that is not closed. */
const outstandingSelect = sql`
  select r.id, r.token_generation, r.token_expires_at < now() as expired, p.email, p.name as person_name,
         s.name as school_name, v.content->>'title' as policy_title, v.label as version_label, c.due_at
    from recipients r
    join people p on p.id = r.person_id
    join schools s on s.id = r.school_id
    join campaigns c on c.id = r.campaign_id
    join policy_versions v on v.id = r.policy_version_id
   where r.status in ('queued', 'sent', 'delivered', 'bounced') and c.status in ('sending', 'sent')`;

/**
 * Claims the request (the cooldown) and, when its link has expired, replaces the link in the same
 * statement: a new generation, so the old token stops matching, and a new expiry. Two requests
 * racing claim it once: the guard on the old generation and the cooldown lets one update through.
 */
async function claimAndMail(ctx: LinkContext, rows: Outstanding[]) {
  const web = ctx.config.PUBLIC_WEB_URL ?? 'https://app.attest.example.org';
  let mailed = 0;
  for (const row of rows) {
    const generation = Number(row.token_generation) + (row.expired ? 1 : 0);
    const token = await deriveToken(ctx.config.TOKEN_SECRET, 'sign', row.id, generation);
    const claimed = await ctx.db.execute<{ id: string }>(sql`
      update recipients set
        link_requested_at = now(), updated_at = now(),
        token_generation = ${generation},
        token_hash = ${await hashToken(token)},
        token_expires_at = case when ${row.expired}::boolean then now() + make_interval(days => ${FRESH_LINK_DAYS}) else token_expires_at end
       where id = ${row.id}::uuid and token_generation = ${Number(row.token_generation)}
         and status in ('queued', 'sent', 'delivered', 'bounced')
         and (link_requested_at is null or link_requested_at < now() - ${LINK_REQUEST_COOLDOWN}::interval)
      returning id`);
    if (claimed.rows.length === 0) continue;
    try {
      await ctx.mail.send(
        {
          from: fromSchool(ctx.config, row.school_name),
          to: [row.email],
          ...freshLinkEmail({
            personName: row.person_name,
            schoolName: row.school_name,
            policyTitle: row.policy_title,
            versionLabel: row.version_label,
            dueAt: row.due_at,
            link: `${web}/sign/${token}`,
            replaced: row.expired,
          }),
          tags: [
            { name: 'kind', value: 'fresh-link' },
            { name: 'recipient', value: row.id },
          ],
        },
        { idempotencyKey: `fresh-link/${row.id}/${generation}/${Date.now()}` },
      );
      mailed++;
    } catch (error) {
      // Not sent: lift the cooldown so asking again straight away works (the new link, if any,
      // stays; asking again mails it).
      await ctx.db.execute(sql`update recipients set link_requested_at = null where id = ${row.id}::uuid`);
      throw error;
    }
  }
  return mailed;
}

/**
 * "Email me a fresh link", from the page of a link we recognise. An expired link is replaced; a
 * link still valid is simply sent again. Answers the same whether or not a message went (the
 * cooldown may have held it back), so the page can always say "check your email".
 */
export async function requestFreshLinkByToken(ctx: LinkContext, token: string) {
  if (!looksLikeToken(token)) throw linkNotFound();
  const hash = await hashToken(token);
  const known = await ctx.db.execute<Outstanding & { status: string; campaign_status: string }>(sql`
    select r.status, c.status as campaign_status, o.* from recipients r join campaigns c on c.id = r.campaign_id
      left join (${outstandingSelect}) o on o.id = r.id
     where r.token_hash = ${hash}`);
  const row = known.rows[0];
  if (!row) throw linkNotFound();
  if (row.status === 'withdrawn')
    throw new DomainError(
      'LINK_WITHDRAWN',
      'This request has been withdrawn by your school: there is nothing to sign.',
    );
  if (row.status === 'signed')
    throw new DomainError('CONFLICT', 'You have already signed: open your link to see what you signed.');
  if (!row.id) throw requestClosed();
  return { mailed: await claimAndMail(ctx, [row]) };
}

/**
 * "Email me my link", from an unrecognised link's page: every open request for that address, in
 * any trust, gets its link (replaced if expired). The caller learns nothing: the answer is the
 * same for an unknown address, and the work runs after the answer (waitUntil) so the time taken
 * does not tell either.
 */
export async function requestLinksByEmail(ctx: LinkContext, email: string) {
  const rows = await ctx.db.execute<Outstanding>(sql`
    ${outstandingSelect} and lower(p.email) = lower(${email.trim()})
     order by r.created_at limit 20`);
  return { mailed: await claimAndMail(ctx, rows.rows) };
}

const linkNotFound = () =>
  new DomainError(
    'LINK_NOT_FOUND',
    'This link is not one we know. It may have been copied wrongly, or replaced by a newer one.',
  );

/**
 * "I have a question": stored, and emailed to the school's head and school admins (the trust's
 * admins if the school has neither) with the signer's address as reply-to. Any link we know that
 * is not withdrawn may ask, signed or not, expired or not.
 */
export async function askQuestion(ctx: LinkContext, token: string, question: string) {
  if (!looksLikeToken(token)) throw linkNotFound();
  const hash = await hashToken(token);
  const found = await ctx.db.execute<{
    id: string;
    trust_id: string;
    campaign_id: string;
    school_id: string;
    status: string;
    person_name: string;
    person_email: string;
    job_title: string | null;
    school_name: string;
    campaign_name: string;
    policy_title: string;
    asked_today: number;
    to: string[] | string;
  }>(sql`
    select r.id, r.trust_id, r.campaign_id, r.school_id, r.status, p.name as person_name, p.email as person_email,
           p.job_title, s.name as school_name, c.name as campaign_name, v.content->>'title' as policy_title,
           (select count(*)::int from signer_questions q where q.recipient_id = r.id and q.created_at > now() - interval '1 day') as asked_today,
           coalesce(
             (select array_agg(distinct u.email order by u.email) from role_assignments ra join users u on u.id = ra.user_id
               where ra.trust_id = r.trust_id and ra.school_id = r.school_id and ra.role in ('head', 'school_admin')),
             (select array_agg(distinct u.email order by u.email) from role_assignments ra join users u on u.id = ra.user_id
               where ra.trust_id = r.trust_id and ra.role = 'trust_admin'),
             '{}') as to
      from recipients r
      join people p on p.id = r.person_id
      join schools s on s.id = r.school_id
      join campaigns c on c.id = r.campaign_id
      join policy_versions v on v.id = r.policy_version_id
     where r.token_hash = ${hash}`);
  const row = found.rows[0];
  if (!row) throw linkNotFound();
  if (row.status === 'withdrawn')
    throw new DomainError(
      'LINK_WITHDRAWN',
      'This request has been withdrawn by your school: there is nothing to sign.',
    );
  if (row.asked_today >= QUESTIONS_PER_DAY)
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `You have sent ${QUESTIONS_PER_DAY} questions today. Your school will reply by email; you can ask again tomorrow.`,
    );
  const to = fromPgArray(row.to);
  const inserted = await ctx.db.execute<{ id: string }>(sql`
    insert into signer_questions (trust_id, recipient_id, campaign_id, school_id, body, sent_to)
    values (${row.trust_id}::uuid, ${row.id}::uuid, ${row.campaign_id}::uuid, ${row.school_id}::uuid, ${question},
            ${sql.param(to)}::text[])
    returning id`);
  const id = inserted.rows[0]!.id;
  if (to.length) {
    const web = ctx.config.PUBLIC_WEB_URL ?? 'https://app.attest.example.org';
    await ctx.mail.send(
      {
        from: ctx.config.MAIL_FROM,
        to,
        replyTo: row.person_email,
        ...signerQuestionEmail({
          personName: row.person_name,
          personEmail: row.person_email,
          jobTitle: row.job_title,
          schoolName: row.school_name,
          campaignName: row.campaign_name,
          policyTitle: row.policy_title,
          question,
          campaignUrl: `${web}/campaigns/${row.campaign_id}?school=${row.school_id}#questions`,
        }),
        tags: [{ name: 'kind', value: 'signer-question' }],
      },
      { idempotencyKey: `question/${id}` },
    );
  }
  return { schoolName: row.school_name };
}
