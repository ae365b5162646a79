import type { ClauseWording } from '@attest/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { jsonColumn, rowsOf } from '../../lib/rows.ts';
import { ClauseChildRow } from './clause-rows.ts';

const VersionRow = z.object({
  id: z.string(),
  clause_id: z.string(),
  school_id: z.string().nullable(),
  version: z.number(),
  text: z.string().nullable(),
  children: jsonColumn(z.array(ClauseChildRow)),
  clause_school_id: z.string().nullable(),
  archived: z.boolean(),
});
type VersionRow = z.infer<typeof VersionRow>;

export interface ClauseWordings {
  /** The wording a clause has at a school: its newest variant there if any, else the trust's. */
  forSchool(schoolId: string): Map<string, ClauseWording>;
  rows: VersionRow[];
}

/** The newest wording of each clause per school (and the trust's), in one query. */
export async function loadWordings(
  ctx: ServiceContext,
  clauseIds: string[] | 'all',
): Promise<ClauseWordings> {
  const filter = clauseIds === 'all' ? sql`true` : sql`cv.clause_id = any(${sql.param(clauseIds)}::uuid[])`;
  const result = await ctx.db.execute(sql`
    select distinct on (cv.clause_id, cv.school_id)
           cv.id, cv.clause_id, cv.school_id, cv.version, cv.text, cv.children,
           c.school_id as clause_school_id, c.archived_at is not null as archived
      from clause_versions cv join clauses c on c.id = cv.clause_id
     where cv.trust_id = ${ctx.actor.trustId}::uuid and ${filter}
     order by cv.clause_id, cv.school_id, cv.version desc`);
  const rows = rowsOf('clause wordings', VersionRow, result);
  const trustWording = new Map<string, VersionRow>();
  const variants = new Map<string, VersionRow>();
  for (const row of rows) {
    if (row.school_id === null) trustWording.set(row.clause_id, row);
    else variants.set(`${row.clause_id}:${row.school_id}`, row);
  }
  return {
    rows,
    forSchool(schoolId) {
      const out = new Map<string, ClauseWording>();
      for (const [clauseId, base] of trustWording) {
        if (base.archived) continue;
        const variant = variants.get(`${clauseId}:${schoolId}`);
        const chosen = variant && variant.text !== null ? variant : base;
        if (chosen.text === null) continue;
        out.set(clauseId, {
          clauseId,
          clauseVersionId: chosen.id,
          schoolId: base.clause_school_id,
          text: chosen.text,
          children: chosen.children,
        });
      }
      return out;
    },
  };
}
