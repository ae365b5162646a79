import { signerQuestionEmail } from '@attest/email';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LinkContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { firstRowOf, intColumn, textArrayColumn } from '../../lib/rows.ts';
import { webUrl } from '../../lib/web-url.ts';
import { linkNotFound, linkWithdrawn } from '../links/link-errors.ts';
import { openLink } from '../links/tokens.ts';
import { signLinkTask } from './signing-page.ts';

// "I have a question", from a signing link: no session, so the statements run inside the link's
// own trust (openLink) and are keyed by the link's hash, never by an id the caller chose. Asking for the link again
// is the same for every purpose: services/links/request-fresh-link-by-token.ts.

const QuestionRow = z.object({
  id: z.string(),
  trust_id: z.string(),
  campaign_id: z.string(),
  school_id: z.string(),
  status: z.string(),
  person_name: z.string(),
  person_email: z.string(),
  job_title: z.string().nullable(),
  school_name: z.string(),
  campaign_name: z.string(),
  policy_title: z.string(),
  asked_today: intColumn,
  /** Who is emailed: the school's head and school admins, else the trust's admins. */
  to: textArrayColumn,
});

/** Questions one signer may send in a day: enough for real questions, too few to spam a head. */
export const QUESTIONS_PER_DAY = 5;

/**
 * "I have a question": stored, and emailed to the school's head and school admins (the trust's
 * admins if the school has neither) with the signer's address as reply-to. Any link we know that
 * is not withdrawn may ask, signed or not, expired or not.
 */
export async function askQuestion(
  link: LinkContext,
  { token, question }: { token: string; question: string },
) {
  const { hash, ctx } = await openLink(link, token);
  if (!hash) throw linkNotFound();
  const found = await ctx.db.execute(sql`
    select r.id, r.trust_id, r.campaign_id, r.school_id, r.status, p.name as person_name, p.email as person_email,
           p.job_title, s.name as school_name, c.name as campaign_name, v.content->>'title' as policy_title,
           (select count(*)::int from signer_questions q where q.recipient_id = r.id and q.created_at > now() - interval '1 day') as asked_today,
           coalesce(
             (select array_agg(distinct u.email order by u.email) from role_assignments ra join users u on u.id = ra.user_id
               where ra.trust_id = r.trust_id and ra.school_id = r.school_id and ra.role in ('head', 'school_admin')),
             (select array_agg(distinct u.email order by u.email) from role_assignments ra join users u on u.id = ra.user_id
               where ra.trust_id = r.trust_id and ra.role = 'trust_admin'),
             '{}') as to
      from ${signLinkTask}
     where l.token_hash = ${hash} and l.purpose = 'sign'`);
  const row = firstRowOf('question: link and school', QuestionRow, found);
  if (!row) throw linkNotFound();
  if (row.status === 'withdrawn') throw linkWithdrawn();
  if (row.asked_today >= QUESTIONS_PER_DAY)
    throw new DomainError(
      'TOO_MANY_REQUESTS',
      `You have sent ${QUESTIONS_PER_DAY} questions today. Your school will reply by email; you can ask again tomorrow.`,
    );
  const to = row.to;
  const inserted = await ctx.db.execute(sql`
    insert into signer_questions (trust_id, recipient_id, campaign_id, school_id, body, sent_to)
    values (${row.trust_id}::uuid, ${row.id}::uuid, ${row.campaign_id}::uuid, ${row.school_id}::uuid, ${question},
            ${sql.param(to)}::text[])
    returning id`);
  const id = firstRowOf('question stored', z.object({ id: z.string() }), inserted)!.id;
  if (to.length) {
    const web = webUrl(ctx.config);
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
