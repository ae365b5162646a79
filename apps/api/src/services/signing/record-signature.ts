import { type SQL, sql } from 'drizzle-orm';
import type { LinkContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { firstRowOf } from '../../lib/rows.ts';
import type { SignerEvidence } from '../../lib/signer-evidence.ts';
import { linkNotFound } from '../links/link-errors.ts';
import { openLink } from '../links/tokens.ts';
import { DEFAULT_STATEMENT, linkProblem, PageRow, pageSelect, toPage } from './signing-page.ts';

export interface SignatureInput {
  /** The version the signer was shown (the page's form sends it): a different one is refused. */
  versionId?: string;
  typedName: string;
  jobTitle?: string | null;
  statements: string[];
}

/**
 * Records the signature in one transaction, one round trip: insert-if-absent keyed by the recipient
 * (unique), guarded by every check on the link (known, not withdrawn, not expired, the version the
 * signer saw, every statement ticked); then mark the recipient signed; then read the page back.
 * A double submit, a retry or two tabs racing all end with exactly one signature, and every one of
 * them is told it worked. When nothing was written, the page read back says why.
 */
export async function recordSignature(
  link: LinkContext,
  { token, signature, evidence }: { token: string; signature: SignatureInput; evidence: SignerEvidence },
) {
  const { hash, ctx } = await openLink(link, token);
  if (!hash) throw linkNotFound();
  const required: SQL = sql`coalesce(nullif(v.content->'statements', '[]'::jsonb), ${JSON.stringify([DEFAULT_STATEMENT])}::jsonb)`;
  const [, , pageResult] = await ctx.db.batch([
    ctx.db.execute(sql`
      insert into signatures (trust_id, recipient_id, person_id, policy_version_id, version_sha256, typed_name, job_title, statements, ip, user_agent)
      select r.trust_id, r.id, r.person_id, v.id, v.sha256, ${signature.typedName}, ${signature.jobTitle ?? null},
             ${required}, ${evidence.ip}, ${evidence.userAgent}
        from person_links l
        join recipients r on r.id = l.subject_id
        join policy_versions v on v.id = r.policy_version_id
       where l.token_hash = ${hash} and l.purpose = 'sign' and l.withdrawn_at is null and l.expires_at > now()
         and r.status <> 'withdrawn'
         and (${signature.versionId ?? null}::uuid is null or r.policy_version_id = ${signature.versionId ?? null}::uuid)
         and ${required} <@ ${JSON.stringify(signature.statements)}::jsonb
      on conflict (recipient_id) do nothing`),
    ctx.db.execute(sql`
      update recipients r set status = 'signed', updated_at = now()
        from person_links l
       where l.token_hash = ${hash} and l.purpose = 'sign' and r.id = l.subject_id
         and r.status not in ('withdrawn', 'signed')
         and exists (select 1 from signatures sg where sg.recipient_id = r.id)`),
    ctx.db.execute(pageSelect(hash)),
  ]);
  const row = firstRowOf('signature', PageRow, pageResult);
  if (row?.signed_at) return toPage(row);
  // Nothing was written: say why, in the order the signer can act on.
  const problem = linkProblem(row);
  if (problem) throw problem;
  const page = toPage(row!);
  if (signature.versionId && signature.versionId !== page.policy.versionId)
    throw new DomainError(
      'VERSION_CHANGED',
      'Your school has sent you a different version of this policy since you opened the page. Read it below, then sign again.',
    );
  const missing = page.statements.filter((s) => !signature.statements.includes(s));
  throw new DomainError(
    'VALIDATION_FAILED',
    `Tick every statement to sign (${missing.length} not ticked).`,
    missing.map((m) => ({ path: 'statements', message: `not ticked: ${m}` })),
  );
}
