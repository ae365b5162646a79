import type { ClauseWording } from '@attest/core';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';

interface VersionRow {
  id: string;
  clause_id: string;
  school_id: string | null;
  version: number;
  text: string | null;
  children: ClauseWording['children'] | string;
  clause_school_id: string | null;
  archived: boolean;
}

export interface ClauseWordings {
  /** The wording a clause has at a school: its newest variant there if any, else the trust's. */
  forSchool(schoolId: string): Map<string, ClauseWording>;
  rows: VersionRow[];
}

const parseChildren = (c: VersionRow['children']) =>
  (typeof c === 'string' ? JSON.parse(c) : c) as ClauseWording['children'];

/** The newest wording of each clause per school (and the trust's), in one query. */
export async function loadWordings(
  ctx: ServiceContext,
  clauseIds: string[] | 'all',
): Promise<ClauseWordings> {
  const filter = clauseIds === 'all' ? sql`true` : sql`cv.clause_id = any(${sql.param(clauseIds)}::uuid[])`;
  const result = await ctx.db.execute<Record<string, unknown>>(sql`
    select distinct on (cv.clause_id, cv.school_id)
           cv.id, cv.clause_id, cv.school_id, cv.version, cv.text, cv.children,
           c.school_id as clause_school_id, c.archived_at is not null as archived
      from clause_versions cv join clauses c on c.id = cv.clause_id
     where cv.trust_id = ${ctx.actor.trustId}::uuid and ${filter}
     order by cv.clause_id, cv.school_id, cv.version desc`);
  const rows = result.rows as unknown as VersionRow[];
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
          children: parseChildren(chosen.children),
        });
      }
      return out;
    },
  };
}
