import { clauses } from '@attest/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { jsonColumn, rowsOf, timestampColumn } from '../../lib/rows.ts';
import { canSeeSchool } from '../schools/visibility.ts';

export type ClauseCategory = (typeof clauses.category.enumValues)[number];

export interface ClauseChild {
  text: string;
  children: ClauseChild[];
}

/** A clause's nested rules as stored (jsonb): what the clause routes and imports write. */
export const ClauseChildRow: z.ZodType<ClauseChild> = z.lazy(() =>
  z.object({ text: z.string(), children: z.array(ClauseChildRow) }),
);

const ClauseRow = z.object({
  id: z.string(),
  category: z.enum(clauses.category.enumValues),
  title: z.string(),
  school_id: z.string().nullable(),
  school_name: z.string().nullable(),
  archived_at: timestampColumn.nullable(),
  created_at: timestampColumn,
  updated_at: timestampColumn,
  versions: jsonColumn(
    z.array(
      z.object({
        id: z.string(),
        schoolId: z.string().nullable(),
        schoolName: z.string().nullable(),
        version: z.number(),
        text: z.string().nullable(),
        children: z.array(ClauseChildRow),
        // As json_build_object wrote it: the history is ordered by it, then made ISO.
        createdAt: z.string(),
      }),
    ),
  ),
  used_by: jsonColumn(
    z.array(z.object({ schoolId: z.string().nullable(), policyId: z.string(), policyTitle: z.string() })),
  ),
});
type ClauseRow = z.infer<typeof ClauseRow>;

/**
 * The library is the trust's, so heads read it too; but what other schools do with a clause (their
 * own wording, their policies) is theirs, so a head sees only their schools' variants and uses.
 */
export function presentClause(row: ClauseRow, withHistory: boolean, actor: ServiceContext['actor']) {
  const visible = (schoolId: string | null) => schoolId === null || canSeeSchool(actor, schoolId);
  const versions = row.versions.filter((v) => visible(v.schoolId));
  const newest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) {
    const key = v.schoolId ?? 'trust';
    if (!newest.has(key) || newest.get(key)!.version < v.version) newest.set(key, v);
  }
  const current = newest.get('trust');
  return {
    id: row.id,
    category: row.category,
    title: row.title,
    schoolId: row.school_id,
    schoolName: row.school_name,
    archived: row.archived_at !== null,
    current: current
      ? {
          versionId: current.id,
          version: current.version,
          text: current.text ?? '',
          children: current.children,
        }
      : null,
    variants: [...newest.values()]
      .filter((v) => v.schoolId !== null && v.text !== null)
      .map((v) => ({
        schoolId: v.schoolId!,
        schoolName: v.schoolName ?? '',
        versionId: v.id,
        version: v.version,
        text: v.text!,
        children: v.children,
      })),
    usedBy: row.used_by.filter((u) => visible(u.schoolId)),
    ...(withHistory
      ? {
          history: versions
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.version - a.version)
            .map((v) => ({ ...v, createdAt: new Date(v.createdAt).toISOString() })),
        }
      : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type Clause = ReturnType<typeof presentClause>;

export async function clauseRows(ctx: ServiceContext, where: ReturnType<typeof sql>) {
  const result = await ctx.db.execute(sql`
    select c.id, c.category, c.title, c.school_id, s.name as school_name, c.archived_at, c.created_at, c.updated_at,
      coalesce((select json_agg(json_build_object('id', v.id, 'schoolId', v.school_id, 'schoolName', vs.name, 'version', v.version,
                                                  'text', v.text, 'children', v.children, 'createdAt', v.created_at) order by v.version)
                  from clause_versions v left join schools vs on vs.id = v.school_id
                 where v.clause_id = c.id), '[]') as versions,
      coalesce((select json_agg(distinct jsonb_build_object('schoolId', p.school_id, 'policyId', p.id, 'policyTitle', p.title))
                  from policies p
                 where p.trust_id = c.trust_id and p.archived_at is null
                   and exists (select 1 from jsonb_array_elements(p.sections) sec
                                where sec->'clauseIds' ? c.id::text)), '[]') as used_by
      from clauses c left join schools s on s.id = c.school_id
     where c.trust_id = ${ctx.actor.trustId}::uuid and ${where}
       and ${ctx.actor.isTrustAdmin ? sql`true` : sql`(c.school_id is null or c.school_id = any(${sql.param(ctx.actor.schoolIds)}::uuid[]))`}
     order by c.category, c.title, c.id`);
  return rowsOf('clauses', ClauseRow, result);
}
