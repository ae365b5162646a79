import { diffVersions, type RenderedPolicy, type VersionDiff } from '@attest/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError } from '../../lib/errors.ts';
import { jsonColumn, timestampColumn } from '../../lib/rows.ts';
import { linkNotFound, linkWithdrawn, requestClosed } from '../links/link-errors.ts';

// The signer's side: no account, only the emailed link (a person link with purpose 'sign'). Both
// calls are one database round trip each (DESIGN.md budget): the page is one statement, and the
// signature is one transaction (a batch) that checks the link, writes, and reads the page back.

export const DEFAULT_STATEMENT = 'I have read and understood this policy and I agree to follow it.';

const content = jsonColumn(z.custom<RenderedPolicy>((v) => typeof v === 'object' && v !== null));

export const PageRow = z.object({
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

/**
 * A signing link with its task: the link `l`, its recipient `r`, campaign `c`, person `p`, school
 * `s` and the version sent `v`. Every query about a signing link starts from here.
 */
export const signLinkTask = sql`
  person_links l
  join recipients r on r.id = l.subject_id
  join campaigns c on c.id = r.campaign_id
  join people p on p.id = r.person_id
  join schools s on s.id = r.school_id
  join policy_versions v on v.id = r.policy_version_id`;

/** Withdrawn: the link itself, or its recipient (the person left the campaign's schools). */
export const signLinkWithdrawn = sql`(l.withdrawn_at is not null or r.status = 'withdrawn')`;

/** The link, its task and (if signed) the signature, in one statement keyed by the token's hash. */
export const pageSelect = (hash: string) => sql`
  select l.id as link_id, l.generation, r.id as recipient_id, r.status,
         ${signLinkWithdrawn} as withdrawn, l.expires_at < now() as expired,
         c.status as campaign_status, c.due_at, c.name as campaign_name,
         p.name as person_name, p.job_title as person_job_title, s.name as school_name,
         v.id as version_id, v.label as version_label, v.sha256, v.content,
         sg.signed_at, sg.typed_name, sg.job_title as signed_job_title,
         prev.content as previous_content, prev.label as previous_label, prev.signed_at as previous_signed_at
    from ${signLinkTask}
    left join signatures sg on sg.recipient_id = r.id
    left join lateral (
      select pv.content, pv.label, ps.signed_at from signatures ps join policy_versions pv on pv.id = ps.policy_version_id
       where ps.person_id = r.person_id and pv.policy_id = v.policy_id and pv.id <> v.id
       order by ps.signed_at desc limit 1) prev on true
   where l.token_hash = ${hash} and l.purpose = 'sign'`;

export const linkProblem = (row: Pick<PageRow, 'withdrawn' | 'expired' | 'campaign_status'> | undefined) => {
  if (!row) return linkNotFound();
  if (row.withdrawn) return linkWithdrawn();
  if (row.expired && row.campaign_status === 'closed') return requestClosed();
  if (row.expired)
    return new DomainError('LINK_EXPIRED', 'This link has expired. Ask for a fresh one below.');
  return null;
};

/** A signed link stays readable after expiry: people come back to see what they signed. */
export function blockingProblem(
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

export function toPage(row: PageRow): SigningPage {
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
