import type { RenderedPolicy } from '@attest/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { firstRowOf, jsonColumn, timestampColumn } from '../../lib/rows.ts';

const VersionRow = z.object({
  id: z.string(),
  policyId: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  version: z.number(),
  label: z.string(),
  content: jsonColumn(z.custom<RenderedPolicy>((v) => typeof v === 'object' && v !== null)),
  canonicalText: z.string(),
  sha256: z.string(),
  publishedAt: timestampColumn,
  nextReviewAt: z.string(),
});

export async function getVersion(ctx: ServiceContext, versionId: string) {
  const result = await ctx.db.execute(sql`
    select v.id, v.policy_id as "policyId", v.school_id as "schoolId", s.name as "schoolName", v.version, v.label,
           v.content, v.canonical_text as "canonicalText", v.sha256, v.published_at as "publishedAt", v.next_review_at as "nextReviewAt"
      from policy_versions v join schools s on s.id = v.school_id
     where v.id = ${versionId}::uuid and v.trust_id = ${ctx.actor.trustId}::uuid`);
  const row = firstRowOf('policy version', VersionRow, result);
  if (!row || (!ctx.actor.isTrustAdmin && !ctx.actor.schoolIds.includes(row.schoolId)))
    throw notFound('That policy version');
  return row;
}
