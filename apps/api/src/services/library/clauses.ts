import { renderTemplate, unknownVariables } from '@attest/core';
import { clauses, clauseVersions } from '@attest/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, isUniqueViolation, notFound } from '../../lib/errors.ts';
import { firstRowOf, jsonColumn, rowsOf, timestampColumn } from '../../lib/rows.ts';
import { auditInsert } from '../audit/record.ts';
import { listSchools } from '../schools/list-schools.ts';
import { canSeeSchool } from '../schools/visibility.ts';

export type ClauseCategory = (typeof clauses.category.enumValues)[number];

interface ClauseChild {
  text: string;
  children: ClauseChild[];
}

export interface ClauseInput {
  category: ClauseCategory;
  title: string;
  text: string;
  children?: ClauseChild[];
  schoolId?: string | null;
}

/** A clause with an unknown variable cannot be saved: it would render as `{{…}}` to staff. */
export function assertKnownVariables(text: string, children: ClauseChild[] = [], path = 'text') {
  const walk = (cs: ClauseChild[]): string[] => cs.flatMap((c) => [c.text, ...walk(c.children)]);
  const unknown = [...new Set([text, ...walk(children)].flatMap(unknownVariables))];
  if (unknown.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${path}: ${unknown.map((u) => `{{${u}}}`).join(', ')} ${unknown.length === 1 ? 'is not a variable' : 'are not variables'} we know. Use {{school.name}}, {{school.head_title}}, {{school.mis}}, {{school.dsl_title}}, {{school.online_safety_lead}} or {{school.governing_body}}.`,
      [{ path, message: `unknown variable ${unknown.join(', ')}` }],
    );
  }
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
function presentClause(row: ClauseRow, withHistory: boolean, actor: ServiceContext['actor']) {
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

async function clauseRows(ctx: ServiceContext, where: ReturnType<typeof sql>) {
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
      sql`(c.title ilike ${like} or exists (select 1 from clause_versions v where v.clause_id = c.id and v.text ilike ${like}))`,
    );
  }
  const rows = await clauseRows(ctx, sql.join(filters, sql` and `));
  return rows.map((r) => presentClause(r, false, ctx.actor));
}

export async function getClause(ctx: ServiceContext, id: string) {
  const [row] = await clauseRows(ctx, sql`c.id = ${id}::uuid`);
  if (!row) throw notFound('That clause');
  return presentClause(row, true, ctx.actor);
}

export async function createClause(ctx: ServiceContext, input: ClauseInput) {
  assertKnownVariables(input.text, input.children);
  if (input.schoolId && !canSeeSchool(ctx.actor, input.schoolId)) throw notFound('That school');
  if (input.schoolId) {
    const school = firstRowOf(
      'clause school',
      z.object({ id: z.string() }),
      await ctx.db.execute(sql`select id from schools where id = ${input.schoolId}::uuid`),
    );
    if (!school) throw notFound('That school');
  }
  const id = crypto.randomUUID();
  const trustId = ctx.actor.trustId;
  await ctx.db.batch([
    ctx.db.insert(clauses).values({
      id,
      trustId,
      category: input.category,
      title: input.title,
      schoolId: input.schoolId ?? null,
    }),
    ctx.db.insert(clauseVersions).values({
      trustId,
      clauseId: id,
      version: 1,
      text: input.text,
      children: input.children ?? [],
      createdByUserId: ctx.actor.userId,
    }),
    auditInsert(ctx, {
      action: 'clause.created',
      entityType: 'clause',
      entityId: id,
      summary: `Added the clause “${input.title}”`,
      after: input,
    }),
  ]);
  return getClause(ctx, id);
}

/**
 * A new wording: the trust's (schoolId null) or one school's variant (text null reverts the school
 * to the trust's wording). The version number is computed in the insert itself; two editors
 * saving at once collide on the unique (clause, school, version) key and the second is told so.
 */
export async function addClauseVersion(
  ctx: ServiceContext,
  clauseId: string,
  input: {
    text: string | null;
    children?: ClauseChild[];
    schoolId?: string | null;
    title?: string;
    category?: ClauseCategory;
  },
) {
  const before = await getClause(ctx, clauseId);
  if (input.text !== null) assertKnownVariables(input.text, input.children);
  const schoolId = input.schoolId ?? null;
  if (schoolId && !canSeeSchool(ctx.actor, schoolId)) throw notFound('That school');
  if (schoolId && !(await listSchools(ctx)).some((s) => s.id === schoolId)) throw notFound('That school');
  if (schoolId === null && input.text === null)
    throw new DomainError('VALIDATION_FAILED', 'text: the trust wording cannot be empty.');
  try {
    await ctx.db.batch([
      ctx.db.execute(sql`
        insert into clause_versions (trust_id, clause_id, school_id, version, text, children, created_by_user_id)
        select ${ctx.actor.trustId}::uuid, ${clauseId}::uuid, ${schoolId}::uuid,
               coalesce(max(version), 0) + 1, ${input.text}, ${JSON.stringify(input.children ?? [])}::jsonb, ${ctx.actor.userId}::uuid
          from clause_versions where clause_id = ${clauseId}::uuid and school_id is not distinct from ${schoolId}::uuid`),
      ctx.db.execute(sql`
        update clauses set updated_at = now(), title = coalesce(${input.title ?? null}, title),
               category = coalesce(${input.category ?? null}::clause_category, category)
         where id = ${clauseId}::uuid and trust_id = ${ctx.actor.trustId}::uuid`),
      auditInsert(ctx, {
        action: schoolId ? 'clause.variant_saved' : 'clause.reworded',
        entityType: 'clause',
        entityId: clauseId,
        summary: schoolId
          ? input.text === null
            ? `Put a school back on the trust wording of “${before.title}”`
            : `Saved a school's own wording of “${before.title}”`
          : `Reworded “${before.title}”`,
        before: {
          text: schoolId
            ? (before.variants.find((v) => v.schoolId === schoolId)?.text ?? null)
            : before.current?.text,
        },
        after: { text: input.text, schoolId },
      }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError(
        'CONFLICT',
        'Someone else saved this clause at the same moment. Reload it and try again.',
      );
    throw error;
  }
  return getClause(ctx, clauseId);
}

/** How a clause reads at each school the actor can see. */
export async function previewClause(ctx: ServiceContext, clauseId: string, text?: string) {
  const clause = await getClause(ctx, clauseId);
  if (text !== undefined) assertKnownVariables(text);
  const schools = await listSchools(ctx);
  return schools
    .filter((s) => clause.schoolId === null || s.id === clause.schoolId)
    .map((s) => {
      const variant = clause.variants.find((v) => v.schoolId === s.id);
      const template = text ?? variant?.text ?? clause.current?.text ?? '';
      return {
        schoolId: s.id,
        schoolName: s.name,
        isVariant: text === undefined && !!variant,
        text: renderTemplate(template, s),
      };
    });
}
