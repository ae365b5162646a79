import { type EvidencePackInput, evidencePackDocument, renderPdf } from '@attest/core/evidence/index';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { firstRowOf, rowsOf, timestampColumn } from '../../lib/rows.ts';
import { auditInsert } from '../audit/record.ts';
import { canSeeSchool } from '../schools/visibility.ts';
import { getCampaign } from './get-campaign.ts';
import type { PdfFile } from './pdf-file.ts';

const EvidenceVersionRow = z.object({
  label: z.string(),
  version: z.number(),
  sha256: z.string(),
  canonical_text: z.string(),
  published_at: timestampColumn,
});

const EvidencePerson = z.object({
  name: z.string(),
  job_title: z.string().nullable(),
  status: z.string(),
  last_sent_at: timestampColumn.nullable(),
});
const SignedEvidencePersonRow = EvidencePerson.extend({
  typed_name: z.string(),
  signed_job_title: z.string().nullable(),
  signed_at: timestampColumn,
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  version_sha256: z.string(),
  version_label: z.string(),
});
type SignedEvidencePersonRow = z.infer<typeof SignedEvidencePersonRow>;
/** Not signed: the signature's columns (left joined) are all null. */
const UnsignedEvidencePersonRow = EvidencePerson.extend({ signed_at: z.null() });
const EvidencePersonRow = z.union([SignedEvidencePersonRow, UnsignedEvidencePersonRow]);

/**
 * A school's evidence pack for one campaign. The reads and the audit entry are one batch: the
 * entry says exactly when the evidence was taken and by whom, and there is no entry without the
 * export nor an export without the entry.
 */
export async function schoolEvidencePack(
  ctx: ServiceContext,
  { campaignId, schoolId }: { campaignId: string; schoolId: string },
): Promise<PdfFile & { signed: number; outstanding: number }> {
  if (!canSeeSchool(ctx.actor, schoolId)) throw notFound('That school');
  const [campaign, school] = await Promise.all([
    getCampaign(ctx, campaignId),
    ctx.db.execute(
      sql`select name from schools where id = ${schoolId}::uuid and trust_id = ${ctx.actor.trustId}::uuid`,
    ),
  ]);
  const schoolName = firstRowOf('evidence school', z.object({ name: z.string() }), school)?.name;
  if (!schoolName || !campaign.schoolIds.includes(schoolId)) throw notFound('That school');
  if (campaign.status === 'draft')
    throw new DomainError(
      'CONFLICT',
      `“${campaign.name}” has not been sent yet, so there is no evidence to download.`,
    );
  const scope = sql`r.campaign_id = ${campaignId}::uuid and r.school_id = ${schoolId}::uuid and r.trust_id = ${ctx.actor.trustId}::uuid`;
  const [versions, people] = await ctx.db.batch([
    ctx.db.execute(sql`
      select v.label, v.version, v.sha256, v.canonical_text, v.published_at from policy_versions v
       where v.trust_id = ${ctx.actor.trustId}::uuid and v.id in (
             select r.policy_version_id from recipients r where ${scope} and r.status <> 'withdrawn'
             union select sg.policy_version_id from signatures sg join recipients r on r.id = sg.recipient_id where ${scope})
       order by v.version`),
    ctx.db.execute(sql`
      select p.name, p.job_title, r.status, r.last_sent_at, sg.typed_name, sg.job_title as signed_job_title, sg.signed_at,
             sg.ip, sg.user_agent, sg.version_sha256, sv.label as version_label
        from recipients r join people p on p.id = r.person_id
        left join signatures sg on sg.recipient_id = r.id
        left join policy_versions sv on sv.id = sg.policy_version_id
       where ${scope} and (r.status <> 'withdrawn' or sg.id is not null)
       order by lower(p.name), r.id`),
    auditInsert(ctx, {
      action: 'campaign.evidence_downloaded',
      entityType: 'campaign',
      entityId: campaignId,
      summary: `Downloaded the evidence pack for ${schoolName} (“${campaign.name}”)`,
      after: { schoolId, schoolName, format: 'pdf' },
    }),
  ]);
  const rows = rowsOf('evidence people', EvidencePersonRow, people);
  const signedRows = rows.filter((r): r is SignedEvidencePersonRow => r.signed_at !== null);
  const input: EvidencePackInput = {
    trustName: ctx.actor.trustName,
    schoolName,
    campaignName: campaign.name,
    policyTitle: campaign.policy.title,
    launchedAt: campaign.launchedAt,
    dueAt: campaign.dueAt,
    producedAt: ctx.now(),
    producedBy: ctx.actor.name,
    versions: rowsOf('evidence versions', EvidenceVersionRow, versions).map((v) => ({
      label: v.label,
      version: v.version,
      sha256: v.sha256,
      canonicalText: v.canonical_text,
      publishedAt: v.published_at,
    })),
    signatures: signedRows.map((r) => ({
      personName: r.name,
      typedName: r.typed_name,
      jobTitle: r.signed_job_title,
      signedAt: r.signed_at,
      ip: r.ip,
      userAgent: r.user_agent,
      versionLabel: r.version_label,
      sha256: r.version_sha256,
    })),
    outstanding: rows
      .filter((r) => r.signed_at === null)
      .map((r) => ({
        personName: r.name,
        jobTitle: r.job_title,
        status: r.status,
        lastSentAt: r.last_sent_at,
      })),
  };
  const doc = evidencePackDocument(input);
  return {
    bytes: (await renderPdf(doc)).bytes,
    fileName: doc.fileName,
    signed: input.signatures.length,
    outstanding: input.outstanding.length,
  };
}
