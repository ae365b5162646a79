import { diffVersions, type RenderedPolicy, type VersionDiff } from '@attest/core';
import { signatureReceiptEmail } from '@attest/email';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { LinkContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { firstRowOf, jsonColumn, timestampColumn } from '../../lib/rows.ts';
import type { SignerEvidence } from '../../lib/signer-evidence.ts';
import { linkNotFound, linkWithdrawn, requestClosed } from '../links/request-links.ts';
import { linkUrl, tokenHash } from '../links/tokens.ts';
import { renderSignedCopy } from './signed-copy.ts';

// The signer's side: no account, only the emailed link (a person link with purpose 'sign'). Both
// calls are one database round trip each (DESIGN.md budget): the page is one statement, and the
// signature is one transaction (a batch) that checks the link, writes, and reads the page back.

const DEFAULT_STATEMENT = 'I have read and understood this policy and I agree to follow it.';

const content = jsonColumn(z.custom<RenderedPolicy>((v) => typeof v === 'object' && v !== null));

const PageRow = z.object({
  link_id: z.string(),
  generation: z.union([z.number(), z.string()]),
  recipient_id: z.string(),
  status: z.string(),
  withdrawn: z.boolean(),
  expired: z.boolean(),
  campaign_status: z.string(),
  due_at: z.string(),
  campaign_name: z.string(),
  person_name: z.string(),
  person_job_title: z.string().nullable(),
  school_name: z.string(),
  version_id: z.string(),
  version_label: z.string(),
  sha256: z.string(),
  content,
  signed_at: timestampColumn.nullable(),
  typed_name: z.string().nullable(),
  signed_job_title: z.string().nullable(),
  previous_content: content.nullable(),
  previous_label: z.string().nullable(),
  previous_signed_at: timestampColumn.nullable(),
});
type PageRow = z.infer<typeof PageRow>;

/** The link, its task and (if signed) the signature, in one statement keyed by the token's hash. */
const pageSelect = (hash: string) => sql`
  select l.id as link_id, l.generation, r.id as recipient_id, r.status,
         l.withdrawn_at is not null or r.status = 'withdrawn' as withdrawn, l.expires_at < now() as expired,
         c.status as campaign_status, c.due_at, c.name as campaign_name,
         p.name as person_name, p.job_title as person_job_title, s.name as school_name,
         v.id as version_id, v.label as version_label, v.sha256, v.content,
         sg.signed_at, sg.typed_name, sg.job_title as signed_job_title,
         prev.content as previous_content, prev.label as previous_label, prev.signed_at as previous_signed_at
    from person_links l
    join recipients r on r.id = l.subject_id
    join campaigns c on c.id = r.campaign_id
    join people p on p.id = r.person_id
    join schools s on s.id = r.school_id
    join policy_versions v on v.id = r.policy_version_id
    left join signatures sg on sg.recipient_id = r.id
    left join lateral (
      select pv.content, pv.label, ps.signed_at from signatures ps join policy_versions pv on pv.id = ps.policy_version_id
       where ps.person_id = r.person_id and pv.policy_id = v.policy_id and pv.id <> v.id
       order by ps.signed_at desc limit 1) prev on true
   where l.token_hash = ${hash} and l.purpose = 'sign'`;

const linkProblem = (row: Pick<PageRow, 'withdrawn' | 'expired' | 'campaign_status'> | undefined) => {
  if (!row) return linkNotFound();
  if (row.withdrawn) return linkWithdrawn();
  if (row.expired && row.campaign_status === 'closed') return requestClosed();
  if (row.expired)
    return new DomainError('LINK_EXPIRED', 'This link has expired. Ask for a fresh one below.');
  return null;
};

/** A signed link stays readable after expiry: people come back to see what they signed. */
function blockingProblem(
  row: (Parameters<typeof linkProblem>[0] & { signed_at: string | null }) | undefined,
) {
  const problem = linkProblem(row);
  const readable = row?.signed_at && (problem?.code === 'LINK_EXPIRED' || problem?.code === 'REQUEST_CLOSED');
  return readable ? null : problem;
}

export interface SigningPage {
  status: 'pending' | 'signed';
  schoolName: string;
  campaignName: string;
  dueAt: string;
  person: { name: string; jobTitle: string | null };
  policy: { versionId: string; label: string; sha256: string; content: RenderedPolicy };
  statements: string[];
  signature: { signedAt: string; typedName: string; jobTitle: string | null } | null;
  changesSinceLastSigned: (VersionDiff & { previousLabel: string; previousSignedAt: string }) | null;
}

const statementsOf = (content: RenderedPolicy) =>
  content.statements.length ? content.statements : [DEFAULT_STATEMENT];

function toPage(row: PageRow): SigningPage {
  return {
    status: row.signed_at ? 'signed' : 'pending',
    schoolName: row.school_name,
    campaignName: row.campaign_name,
    dueAt: row.due_at,
    person: { name: row.person_name, jobTitle: row.person_job_title },
    policy: { versionId: row.version_id, label: row.version_label, sha256: row.sha256, content: row.content },
    statements: statementsOf(row.content),
    signature:
      row.signed_at && row.typed_name !== null
        ? { signedAt: row.signed_at, typedName: row.typed_name, jobTitle: row.signed_job_title }
        : null,
    changesSinceLastSigned:
      row.previous_content && row.previous_signed_at
        ? {
            ...diffVersions(row.previous_content, row.content),
            previousLabel: row.previous_label ?? '',
            previousSignedAt: row.previous_signed_at,
          }
        : null,
  };
}

/** GET: reading never changes anything (no "opened" mark here; Resend's open events do that). */
export async function getSigningPage(ctx: LinkContext, token: string): Promise<SigningPage> {
  const hash = await tokenHash(token);
  const row = hash ? firstRowOf('signing page', PageRow, await ctx.db.execute(pageSelect(hash))) : undefined;
  const problem = blockingProblem(row);
  if (problem) throw problem;
  return toPage(row!);
}

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
  ctx: LinkContext,
  { token, signature, evidence }: { token: string; signature: SignatureInput; evidence: SignerEvidence },
) {
  const hash = await tokenHash(token);
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
export async function sendReceipt(ctx: LinkContext, token: string) {
  const hash = await tokenHash(token);
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
});

/**
 * The signer's PDF copy, from the link alone: one statement, like the page. Reading it never
 * changes anything. A signed link stays usable after expiry, as the page does.
 */
export async function getSignedCopy(ctx: LinkContext, token: string) {
  const hash = await tokenHash(token);
  const row = hash
    ? firstRowOf(
        'signed copy',
        CopyRow,
        await ctx.db.execute(sql`
    select l.withdrawn_at is not null or r.status = 'withdrawn' as withdrawn, l.expires_at < now() as expired,
           c.status as campaign_status, s.name as school_name,
           v.content->>'title' as title, v.label, v.canonical_text, sg.version_sha256, sg.signed_at, sg.typed_name,
           sg.job_title, sg.statements
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
  });
}
