import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { rowsOf, timestampColumn } from '../../lib/rows.ts';
import { getPolicy } from './get-policy.ts';

const VersionListRow = z.object({
  id: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  version: z.number(),
  label: z.string(),
  sha256: z.string(),
  publishedAt: timestampColumn,
  nextReviewAt: z.string(),
  publishedBy: z.string().nullable(),
});

export async function listVersions(
  ctx: ServiceContext,
  { policyId, schoolId }: { policyId: string; schoolId?: string },
) {
  const policy = await getPolicy(ctx, policyId);
  const visible = policy.schools.map((s) => s.schoolId).filter((s) => !schoolId || s === schoolId);
  const result = await ctx.db.execute(sql`
    select v.id, v.school_id as "schoolId", s.name as "schoolName", v.version, v.label, v.sha256,
           v.published_at as "publishedAt", v.next_review_at as "nextReviewAt", u.name as "publishedBy"
      from policy_versions v join schools s on s.id = v.school_id left join users u on u.id = v.published_by_user_id
     where v.policy_id = ${policyId}::uuid and v.school_id = any(${sql.param(visible)}::uuid[])
     order by s.name, v.version desc`);
  return rowsOf('policy versions', VersionListRow, result);
}
