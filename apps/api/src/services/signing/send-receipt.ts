import { signatureReceiptEmail } from '@attest/email';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LinkContext } from '../../lib/context.ts';
import { firstRowOf, jsonColumn, timestampColumn } from '../../lib/rows.ts';
import { linkUrl, openLink } from '../links/tokens.ts';

const ReceiptRow = z.object({
  id: z.string(),
  email: z.string(),
  person_name: z.string(),
  school_name: z.string(),
  title: z.string(),
  label: z.string(),
  canonical_text: z.string(),
  sha256: z.string(),
  signed_at: timestampColumn,
  typed_name: z.string(),
  job_title: z.string().nullable(),
  statements: jsonColumn(z.array(z.string())),
  link_id: z.string(),
  generation: z.union([z.number(), z.string()]),
});

/**
 * The signer's copy by email. Sent after the signature is stored (outside the signing transaction,
 * after the answer), keyed by recipient so a repeated submit never sends a second copy.
 */
export async function sendReceipt(link: LinkContext, token: string) {
  const { hash, ctx } = await openLink(link, token);
  if (!hash) return;
  const row = firstRowOf(
    'receipt',
    ReceiptRow,
    await ctx.db.execute(sql`
    select r.id, r.email, p.name as person_name, s.name as school_name, v.content->>'title' as title, v.label,
           v.canonical_text, v.sha256, sg.signed_at, sg.typed_name, sg.job_title, sg.statements, l.id as link_id, l.generation
      from person_links l join recipients r on r.id = l.subject_id
      join signatures sg on sg.recipient_id = r.id join people p on p.id = r.person_id
      join schools s on s.id = r.school_id join policy_versions v on v.id = sg.policy_version_id
     where l.token_hash = ${hash} and l.purpose = 'sign'`),
  );
  if (!row) return;
  const message = signatureReceiptEmail({
    personName: row.person_name,
    schoolName: row.school_name,
    policyTitle: row.title,
    versionLabel: row.label,
    signedAt: row.signed_at,
    typedName: row.typed_name,
    jobTitle: row.job_title,
    sha256: row.sha256,
    statements: row.statements,
    canonicalText: row.canonical_text,
    link: await linkUrl(ctx.config, { id: row.link_id, purpose: 'sign', generation: row.generation }),
  });
  await ctx.mail.send(
    { from: ctx.config.MAIL_FROM, to: [row.email], ...message, tags: [{ name: 'kind', value: 'receipt' }] },
    { idempotencyKey: `receipt/${row.id}` },
  );
}
