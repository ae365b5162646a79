import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { actorSchoolIds, seesWholeTrust } from '../schools/visibility.ts';
import { type ClauseCategory, clauseRows, presentClause } from './clause-rows.ts';

export async function listClauses(
  ctx: ServiceContext,
  input: { category?: ClauseCategory; q?: string; includeArchived?: boolean },
) {
  const filters = [sql`true`];
  if (input.category) filters.push(sql`c.category = ${input.category}`);
  if (!input.includeArchived) filters.push(sql`c.archived_at is null`);
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    filters.push(
      // Only wordings the actor may read: the trust's, and their own schools'. Another school's own
      // wording must not make a clause match, or a search would tell a head what it says.
      sql`(c.title ilike ${like} or exists (select 1 from clause_versions v where v.clause_id = c.id and v.text ilike ${like}
                                              and ${
                                                seesWholeTrust(ctx.actor)
                                                  ? sql`true`
                                                  : sql`(v.school_id is null or v.school_id = any(${sql.param(actorSchoolIds(ctx.actor))}::uuid[]))`
                                              }))`,
    );
  }
  const rows = await clauseRows(ctx, sql.join(filters, sql` and `));
  return rows.map((r) => presentClause(r, false, ctx.actor));
}
