import { membershipRoles } from '@attest/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { jsonColumn, rowsOf, textArrayColumn, timestampColumn } from '../../lib/rows.ts';
import type { School } from '../schools/present.ts';

const strings = jsonColumn(z.array(z.string()));

const PolicyRow = z.object({
  id: z.string(),
  title: z.string(),
  school_id: z.string().nullable(),
  audiences: textArrayColumn.pipe(z.array(z.enum(membershipRoles))),
  intro: strings,
  sections: jsonColumn(z.array(z.object({ heading: z.string().nullable(), clauseIds: z.array(z.string()) }))),
  statements: strings,
  fields: strings,
  review_cycle_months: z.number(),
  owner_user_id: z.string().nullable(),
  owner_name: z.string().nullable(),
  created_at: timestampColumn,
  updated_at: timestampColumn,
  versions: jsonColumn(
    z.array(
      z.object({
        id: z.string(),
        schoolId: z.string(),
        version: z.number(),
        label: z.string(),
        sha256: z.string(),
        publishedAt: timestampColumn,
        nextReviewAt: z.string(),
      }),
    ),
  ),
});
type PolicyRow = z.infer<typeof PolicyRow>;

export function presentPolicy(row: PolicyRow, schools: School[], now: Date) {
  const versions = row.versions;
  const soon = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const applies = schools.filter((s) => row.school_id === null || s.id === row.school_id);
  return {
    id: row.id,
    title: row.title,
    schoolId: row.school_id,
    audiences: row.audiences,
    intro: row.intro,
    sections: row.sections,
    statements: row.statements,
    fields: row.fields,
    reviewCycleMonths: row.review_cycle_months,
    owner: row.owner_user_id ? { id: row.owner_user_id, name: row.owner_name ?? '' } : null,
    schools: applies.map((s) => {
      const mine = versions.filter((v) => v.schoolId === s.id).sort((a, b) => b.version - a.version);
      const current = mine[0] ?? null;
      return {
        schoolId: s.id,
        schoolName: s.name,
        current,
        versionCount: mine.length,
        reviewDue: current ? current.nextReviewAt <= soon : false,
      };
    }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type Policy = ReturnType<typeof presentPolicy>;

export async function policyRows(ctx: ServiceContext, where: ReturnType<typeof sql>) {
  const result = await ctx.db.execute(sql`
    select p.id, p.title, p.school_id, p.audiences, p.intro, p.sections, p.statements, p.fields,
           p.review_cycle_months, p.owner_user_id, u.name as owner_name, p.created_at, p.updated_at,
           coalesce((select json_agg(json_build_object('id', v.id, 'schoolId', v.school_id, 'version', v.version,
                       'label', v.label, 'sha256', v.sha256, 'publishedAt', v.published_at, 'nextReviewAt', v.next_review_at))
                       from policy_versions v where v.policy_id = p.id), '[]') as versions
      from policies p left join users u on u.id = p.owner_user_id
     where p.trust_id = ${ctx.actor.trustId}::uuid and p.archived_at is null and ${where}
     order by p.title, p.id`);
  return rowsOf('policies', PolicyRow, result);
}

/** Heads see the trust's policies and their own school's, each with their schools only. */
export function visibleToActor(ctx: ServiceContext) {
  if (ctx.actor.isTrustAdmin) return sql`true`;
  if (ctx.actor.schoolIds.length === 0) return sql`false`;
  return sql`(p.school_id is null or p.school_id = any(${sql.param(ctx.actor.schoolIds)}::uuid[]))`;
}
