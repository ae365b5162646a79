import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LinkContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { firstRowOf, jsonColumn, timestampColumn } from '../../lib/rows.ts';
import { openLink } from '../links/tokens.ts';
import { renderSignedCopy } from './signed-copy.ts';
import { blockingProblem, signLinkWithdrawn } from './signing-page.ts';

const CopyRow = z.object({
  withdrawn: z.boolean(),
  expired: z.boolean(),
  campaign_status: z.string(),
  school_name: z.string(),
  title: z.string().nullable(),
  label: z.string().nullable(),
  canonical_text: z.string().nullable(),
  version_sha256: z.string().nullable(),
  signed_at: timestampColumn.nullable(),
  typed_name: z.string().nullable(),
  job_title: z.string().nullable(),
  statements: jsonColumn(z.array(z.string())).nullable(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
});

/**
 * The signer's PDF copy, from the link alone: one statement, like the page. Reading it never
 * changes anything. A signed link stays usable after expiry, as the page does.
 */
export async function getSignedCopy(ctx: LinkContext, token: string) {
  const { hash, ctx: holder } = await openLink(ctx, token);
  const row = hash
    ? firstRowOf(
        'signed copy',
        CopyRow,
        await holder.db.execute(sql`
    select ${signLinkWithdrawn} as withdrawn, l.expires_at < now() as expired,
           c.status as campaign_status, s.name as school_name,
           v.content->>'title' as title, v.label, v.canonical_text, sg.version_sha256, sg.signed_at, sg.typed_name,
           sg.job_title, sg.statements, sg.ip, sg.user_agent
      from person_links l join recipients r on r.id = l.subject_id
      join schools s on s.id = r.school_id join campaigns c on c.id = r.campaign_id
      left join signatures sg on sg.recipient_id = r.id
      left join policy_versions v on v.id = sg.policy_version_id
     where l.token_hash = ${hash} and l.purpose = 'sign'`),
      )
    : undefined;
  const problem = blockingProblem(row);
  if (problem) throw problem;
  if (!row?.signed_at || row.typed_name === null || row.statements === null)
    throw new DomainError(
      'NOT_SIGNED',
      'You have not signed this yet, so there is no signed copy. Sign it first, then download your copy.',
    );
  return renderSignedCopy({
    school_name: row.school_name,
    title: row.title ?? '',
    label: row.label ?? '',
    canonical_text: row.canonical_text ?? '',
    version_sha256: row.version_sha256 ?? '',
    statements: row.statements,
    typed_name: row.typed_name,
    job_title: row.job_title,
    signed_at: row.signed_at,
    ip: row.ip,
    user_agent: row.user_agent,
  });
}
