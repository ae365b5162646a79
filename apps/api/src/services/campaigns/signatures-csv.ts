import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { rowsOf, timestampColumn } from '../../lib/rows.ts';
import { getCampaign } from './get-campaign.ts';

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // Quote everything that could break a row, and defuse spreadsheet formulas (=, +, -, @).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) || safe !== s ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const SignatureCsvRow = z.object({
  school: z.string(),
  person: z.string(),
  email: z.string(),
  typed_name: z.string(),
  job_title: z.string().nullable(),
  signed_at: timestampColumn,
  version: z.string(),
  version_number: z.number(),
  version_sha256: z.string(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
});

/** Every signature of the campaign, one per row, with the exact version and its hash. */
export async function signaturesCsv(ctx: ServiceContext, campaignId: string) {
  await getCampaign(ctx, campaignId);
  const scope = ctx.actor.isTrustAdmin
    ? sql`true`
    : sql`r.school_id = any(${sql.param(ctx.actor.schoolIds)}::uuid[])`;
  const result = await ctx.db.execute(sql`
    select s.name as school, p.name as person, r.email, sg.typed_name, sg.job_title, sg.signed_at,
           v.label as version, v.version as version_number, sg.version_sha256, sg.ip, sg.user_agent
      from signatures sg join recipients r on r.id = sg.recipient_id
      join people p on p.id = sg.person_id join schools s on s.id = r.school_id
      join policy_versions v on v.id = sg.policy_version_id
     where r.campaign_id = ${campaignId}::uuid and r.trust_id = ${ctx.actor.trustId}::uuid and ${scope}
     order by s.name, sg.signed_at`);
  const header = [
    'School',
    'Name',
    'Email',
    'Typed name',
    'Job title',
    'Signed at (UTC)',
    'Version',
    'Version number',
    'SHA-256 of the signed text',
    'IP address',
    'Browser',
  ];
  const lines = [
    header,
    ...rowsOf('signatures for CSV', SignatureCsvRow, result).map((r) => [
      r.school,
      r.person,
      r.email,
      r.typed_name,
      r.job_title,
      r.signed_at,
      r.version,
      r.version_number,
      r.version_sha256,
      r.ip,
      r.user_agent,
    ]),
  ];
  return `\uFEFF${lines.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
