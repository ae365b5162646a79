import { diffVersions, hashToken, looksLikeToken, type RenderedPolicy, type VersionDiff } from '@attest/core';
import type { HttpDb } from '@attest/db';
import { sql } from 'drizzle-orm';
import type { LinkContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { fromJson } from '../../lib/pg-values.ts';
import { renderSignedCopy, type SignedCopyRow } from './signed-copy.ts';

// The signer's side: no account, only the emailed link. Both calls are one round trip each
// (DESIGN.md budget): the page is one statement, the signature one transaction (a batch).

const DEFAULT_STATEMENT = 'I have read and understood this policy and I agree to follow it.';

interface Row {
  recipient_id: string;
  status: string;
  expired: boolean;
  campaign_status: string;
  due_at: string;
  campaign_name: string;
  person_name: string;
  person_job_title: string | null;
  school_name: string;
  version_id: string;
  version_label: string;
  sha256: string;
  content: RenderedPolicy | string;
  signed_at: string | null;
  typed_name: string | null;
  signed_job_title: string | null;
  previous_content: RenderedPolicy | string | null;
  previous_label: string | null;
  previous_signed_at: string | null;
}

export const requestClosed = () =>
  new DomainError(
    'REQUEST_CLOSED',
    'This request has closed, so the link no longer works. Ask your school office if you still need to sign.',
  );

const linkProblem = (row: Pick<Row, 'status' | 'expired' | 'campaign_status'> | undefined) => {
  if (!row)
    return new DomainError(
      'LINK_NOT_FOUND',
      'This link is not one we know. It may have been copied wrongly, or replaced by a newer one.',
    );
  if (row.status === 'withdrawn')
    return new DomainError(
      'LINK_WITHDRAWN',
      'This request has been withdrawn by your school: there is nothing to sign.',
    );
  if (row.expired && row.campaign_status === 'closed') return requestClosed();
  if (row.expired)
    return new DomainError('LINK_EXPIRED', 'This link has expired. Ask for a fresh one below.');
  return null;
};

/** A signed link stays readable after expiry: people come back to see what they signed. */
function blockingProblem(
  row: (Pick<Row, 'status' | 'expired' | 'campaign_status'> & { signed_at: string | null }) | undefined,
) {
  const problem = linkProblem(row);
  const readable = row?.signed_at && (problem?.code === 'LINK_EXPIRED' || problem?.code === 'REQUEST_CLOSED');
  return readable ? null : problem;
}

async function load(db: HttpDb, token: string): Promise<Row | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const hash = await hashToken(token);
  const result = await db.execute<Record<string, unknown>>(sql`
    select r.id as recipient_id, r.status, r.token_expires_at < now() as expired, c.status as campaign_status, c.due_at, c.name as campaign_name,
           p.name as person_name, p.job_title as person_job_title, s.name as school_name,
           v.id as version_id, v.label as version_label, v.sha256, v.content,
           sg.signed_at, sg.typed_name, sg.job_title as signed_job_title,
           prev.content as previous_content, prev.label as previous_label, prev.signed_at as previous_signed_at
      from recipients r
      join campaigns c on c.id = r.campaign_id
      join people p on p.id = r.person_id
      join schools s on s.id = r.school_id
      join policy_versions v on v.id = r.policy_version_id
      left join signatures sg on sg.recipient_id = r.id
      left join lateral (
        select pv.content, pv.label, ps.signed_at from signatures ps join policy_versions pv on pv.id = ps.policy_version_id
         where ps.person_id = r.person_id and pv.policy_id = v.policy_id and pv.id <> v.id
         order by ps.signed_at desc limit 1) prev on true
     where r.token_hash = ${hash}`);
  return result.rows[0] as unknown as Row | undefined;
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

function toPage(row: Row): SigningPage {
  const content = fromJson(row.content);
  const previous = row.previous_content ? fromJson(row.previous_content) : null;
  return {
    status: row.signed_at ? 'signed' : 'pending',
    schoolName: row.school_name,
    campaignName: row.campaign_name,
    dueAt: row.due_at,
    person: { name: row.person_name, jobTitle: row.person_job_title },
    policy: { versionId: row.version_id, label: row.version_label, sha256: row.sha256, content },
    statements: content.statements.length ? content.statements : [DEFAULT_STATEMENT],
    signature: row.signed_at
      ? {
          signedAt: new Date(row.signed_at).toISOString(),
          typedName: row.typed_name!,
          jobTitle: row.signed_job_title,
        }
      : null,
    changesSinceLastSigned: previous
      ? {
          ...diffVersions(previous, content),
          previousLabel: row.previous_label!,
          previousSignedAt: new Date(row.previous_signed_at!).toISOString(),
        }
      : null,
  };
}

/** GET: reading never changes anything (no "opened" mark here; Resend's open events do that). */
export async function getSigningPage(db: HttpDb, token: string): Promise<SigningPage> {
  const row = await load(db, token);
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
 * Records the signature in one transaction: insert-if-absent keyed by the recipient (unique), then
 * mark the recipient signed, then read back whichever signature stands. A double submit, a retry
 * or two tabs racing all end with exactly one signature, and every one of them is told it worked.
 */
export async function recordSignature(
  db: HttpDb,
  token: string,
  input: SignatureInput,
  meta: { ip: string | null; userAgent: string | null },
) {
  const row = await load(db, token);
  const problem = blockingProblem(row);
  if (problem) throw problem;
  const page = toPage(row!);
  if (page.status === 'signed') return page;
  if (input.versionId && input.versionId !== page.policy.versionId)
    throw new DomainError(
      'VERSION_CHANGED',
      'Your school has sent you a different version of this policy since you opened the page. Read it below, then sign again.',
    );
  const missing = page.statements.filter((s) => !input.statements.includes(s));
  if (missing.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Tick every statement to sign (${missing.length} not ticked).`,
      missing.map((m) => ({ path: 'statements', message: `not ticked: ${m}` })),
    );
  }
  const hash = await hashToken(token);
  const [, , after] = await db.batch([
    db.execute(sql`
      insert into signatures (trust_id, recipient_id, person_id, policy_version_id, version_sha256, typed_name, job_title, statements, ip, user_agent)
      select r.trust_id, r.id, r.person_id, v.id, v.sha256, ${input.typedName}, ${input.jobTitle ?? null},
             ${JSON.stringify(page.statements)}::jsonb, ${meta.ip}, ${meta.userAgent}
        from recipients r join policy_versions v on v.id = r.policy_version_id
       where r.token_hash = ${hash} and r.status <> 'withdrawn' and r.token_expires_at > now()
         and r.policy_version_id = ${page.policy.versionId}::uuid
      on conflict (recipient_id) do nothing`),
    db.execute(sql`
      update recipients set status = 'signed', updated_at = now()
       where token_hash = ${hash} and status <> 'withdrawn'
         and exists (select 1 from signatures where recipient_id = recipients.id)`),
    db.execute(sql`
      select sg.signed_at, sg.typed_name, sg.job_title from signatures sg join recipients r on r.id = sg.recipient_id
       where r.token_hash = ${hash}`),
  ]);
  const signed = (
    after as unknown as { rows: { signed_at: string; typed_name: string; job_title: string | null }[] }
  ).rows[0];
  if (!signed)
    throw (
      linkProblem({ ...row!, expired: true }) ?? new DomainError('LINK_EXPIRED', 'This link has expired.')
    );
  return {
    ...page,
    status: 'signed' as const,
    signature: {
      signedAt: new Date(signed.signed_at).toISOString(),
      typedName: signed.typed_name,
      jobTitle: signed.job_title,
    },
  };
}

/**
 * The signer's copy by email. Sent after the signature is stored (outside the signing transaction,
 * in waitUntil), keyed by recipient so a repeated submit never sends a second copy.
 */
export async function sendReceipt(ctx: LinkContext, token: string) {
  const { db } = ctx;
  const hash = await hashToken(token);
  const result = await db.execute<Record<string, unknown>>(sql`
    select r.id, r.email, p.name as person_name, s.name as school_name, v.content->>'title' as title, v.label,
           v.canonical_text, v.sha256, sg.signed_at, sg.typed_name, sg.job_title, sg.statements
      from recipients r join signatures sg on sg.recipient_id = r.id join people p on p.id = r.person_id
      join schools s on s.id = r.school_id join policy_versions v on v.id = sg.policy_version_id
     where r.token_hash = ${hash}`);
  const row = result.rows[0] as Record<string, string> | undefined;
  if (!row) return;
  const { signatureReceiptEmail } = await import('@attest/email');
  const message = signatureReceiptEmail({
    personName: row.person_name!,
    schoolName: row.school_name!,
    policyTitle: row.title!,
    versionLabel: row.label!,
    signedAt: new Date(row.signed_at!).toISOString(),
    typedName: row.typed_name!,
    jobTitle: row.job_title ?? null,
    sha256: row.sha256!,
    statements: fromJson(row.statements as unknown as string[] | string),
    canonicalText: row.canonical_text!,
    link: `${ctx.config.PUBLIC_WEB_URL ?? 'https://app.attest.example.org'}/sign/${token}`,
  });
  await ctx.mail.send(
    { from: ctx.config.MAIL_FROM, to: [row.email!], ...message, tags: [{ name: 'kind', value: 'receipt' }] },
    { idempotencyKey: `receipt/${row.id}` },
  );
}

/**
 * The signer's PDF copy, from the link alone: one statement, like the page. Reading it never
 * changes anything. A signed link stays usable after expiry, as the page does.
 */
export async function getSignedCopy(db: HttpDb, token: string) {
  const hash = looksLikeToken(token) ? await hashToken(token) : null;
  const result = hash
    ? await db.execute<Record<string, unknown>>(sql`
    select r.status, r.token_expires_at < now() as expired, c.status as campaign_status, s.name as school_name,
           v.content->>'title' as title, v.label, v.canonical_text, sg.version_sha256, sg.signed_at, sg.typed_name,
           sg.job_title, sg.statements
      from recipients r join schools s on s.id = r.school_id join campaigns c on c.id = r.campaign_id
      left join signatures sg on sg.recipient_id = r.id
      left join policy_versions v on v.id = sg.policy_version_id
     where r.token_hash = ${hash}`)
    : { rows: [] };
  const row = result.rows[0] as Record<string, string | null> | undefined;
  const problem = blockingProblem(
    row && {
      status: row.status!,
      expired: row.expired as unknown as boolean,
      campaign_status: row.campaign_status!,
      signed_at: row.signed_at ?? null,
    },
  );
  if (problem) throw problem;
  if (!row?.signed_at)
    throw new DomainError(
      'NOT_SIGNED',
      'You have not signed this yet, so there is no signed copy. Sign it first, then download your copy.',
    );
  return renderSignedCopy(row as unknown as SignedCopyRow);
}
