import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { firstRowOf, jsonColumn, timestampColumn } from '../../lib/rows.ts';
import { renderSignedCopy } from '../signing/signed-copy.ts';
import type { PdfFile } from './pdf-file.ts';

const schoolScope = (ctx: ServiceContext) =>
  ctx.actor.isTrustAdmin ? sql`true` : sql`r.school_id = any(${sql.param(ctx.actor.schoolIds)}::uuid[])`;

/** A recipient who has signed: everything their signed copy is made from (see SignedCopyRow). */
const SignedRecipientRow = z.object({
  person_name: z.string(),
  school_name: z.string(),
  campaign_name: z.string(),
  title: z.string(),
  label: z.string(),
  canonical_text: z.string(),
  version_sha256: z.string(),
  signed_at: timestampColumn,
  typed_name: z.string(),
  job_title: z.string().nullable(),
  statements: jsonColumn(z.array(z.string())),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
});
/** One who has not: the signature's columns (left joined) are all null. */
const UnsignedRecipientRow = z.object({ person_name: z.string(), signed_at: z.null() });

/** One person's signed copy, as they got it. One statement; another trust's or school's → 404. */
export async function recipientSignedCopy(
  ctx: ServiceContext,
  { campaignId, recipientId }: { campaignId: string; recipientId: string },
): Promise<PdfFile> {
  const result = await ctx.db.execute(sql`
    select p.name as person_name, s.name as school_name, c.name as campaign_name, v.content->>'title' as title,
           v.label, v.canonical_text, sg.version_sha256, sg.signed_at, sg.typed_name, sg.job_title, sg.statements,
           sg.ip, sg.user_agent
      from recipients r join campaigns c on c.id = r.campaign_id join people p on p.id = r.person_id
      join schools s on s.id = r.school_id
      left join signatures sg on sg.recipient_id = r.id
      left join policy_versions v on v.id = sg.policy_version_id
     where r.id = ${recipientId}::uuid and r.campaign_id = ${campaignId}::uuid
       and r.trust_id = ${ctx.actor.trustId}::uuid and ${schoolScope(ctx)}`);
  const row = firstRowOf(
    'recipient signed copy',
    z.union([SignedRecipientRow, UnsignedRecipientRow]),
    result,
  );
  if (!row) throw notFound('That person');
  if (row.signed_at === null)
    throw new DomainError(
      'NOT_SIGNED',
      `${row.person_name} has not signed this yet, so there is no signed copy to download.`,
    );
  return renderSignedCopy(row);
}
