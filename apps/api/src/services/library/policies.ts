import {
  canonicalText,
  diffVersions,
  membershipRoles,
  type RenderedPolicy,
  renderPolicy,
  sha256Hex,
} from '@attest/core';
import { policies, policyVersions } from '@attest/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, isUniqueViolation, notFound } from '../../lib/errors.ts';
import { firstRowOf, jsonColumn, rowsOf, textArrayColumn, timestampColumn } from '../../lib/rows.ts';
import { auditInsert } from '../audit/record.ts';
import { assertKnownVariables } from '../clauses/known-variables.ts';
import { loadWordings } from '../clauses/wordings.ts';
import { listSchools } from '../schools/list-schools.ts';
import type { School } from '../schools/present.ts';

type Audience = 'staff' | 'governor' | 'volunteer' | 'visitor';

export interface PolicyInput {
  title: string;
  schoolId?: string | null;
  audiences: Audience[];
  intro: string[];
  sections: { heading: string | null; clauseIds: string[] }[];
  statements: string[];
  fields: string[];
  reviewCycleMonths: number;
  ownerUserId?: string | null;
}

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

function presentPolicy(row: PolicyRow, schools: School[], now: Date) {
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

async function policyRows(ctx: ServiceContext, where: ReturnType<typeof sql>) {
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
function visibleToActor(ctx: ServiceContext) {
  if (ctx.actor.isTrustAdmin) return sql`true`;
  if (ctx.actor.schoolIds.length === 0) return sql`false`;
  return sql`(p.school_id is null or p.school_id = any(${sql.param(ctx.actor.schoolIds)}::uuid[]))`;
}

export async function listPolicies(ctx: ServiceContext) {
  const [rows, schools] = await Promise.all([policyRows(ctx, visibleToActor(ctx)), listSchools(ctx)]);
  return rows.map((r) => presentPolicy(r, schools, ctx.now()));
}

export async function getPolicy(ctx: ServiceContext, id: string) {
  const [rows, schools] = await Promise.all([
    policyRows(ctx, sql`p.id = ${id}::uuid and ${visibleToActor(ctx)}`),
    listSchools(ctx),
  ]);
  if (!rows[0]) throw notFound('That policy');
  return presentPolicy(rows[0], schools, ctx.now());
}

async function assertClausesExist(ctx: ServiceContext, input: Pick<PolicyInput, 'sections' | 'schoolId'>) {
  const ids = [...new Set(input.sections.flatMap((s) => s.clauseIds))];
  if (ids.length === 0) return;
  const found = rowsOf(
    'clauses a policy names',
    z.object({ id: z.string(), school_id: z.string().nullable() }),
    await ctx.db.execute(
      sql`select id, school_id from clauses where trust_id = ${ctx.actor.trustId}::uuid and id = any(${sql.param(ids)}::uuid[]) and archived_at is null`,
    ),
  );
  const known = new Map(found.map((r) => [r.id, r.school_id]));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `sections: ${missing.length} clause${missing.length === 1 ? ' is' : 's are'} not in this trust's library.`,
      missing.map((id) => ({ path: 'sections', message: `unknown clause ${id}` })),
    );
  }
}

function checkTexts(input: Partial<PolicyInput>) {
  for (const [i, p] of (input.intro ?? []).entries()) assertKnownVariables(p, [], `intro.${i}`);
  for (const [i, s] of (input.statements ?? []).entries()) assertKnownVariables(s, [], `statements.${i}`);
  if (input.title) assertKnownVariables(input.title, [], 'title');
}

export async function createPolicy(ctx: ServiceContext, input: PolicyInput) {
  checkTexts(input);
  if (input.schoolId && !(await listSchools(ctx)).some((s) => s.id === input.schoolId))
    throw notFound('That school');
  await assertClausesExist(ctx, input);
  const id = crypto.randomUUID();
  await ctx.db.batch([
    ctx.db.insert(policies).values({
      id,
      trustId: ctx.actor.trustId,
      ...input,
      schoolId: input.schoolId ?? null,
      ownerUserId: input.ownerUserId ?? ctx.actor.userId,
    }),
    auditInsert(ctx, {
      action: 'policy.created',
      entityType: 'policy',
      entityId: id,
      summary: `Composed the policy “${input.title}”`,
      after: input,
    }),
  ]);
  return getPolicy(ctx, id);
}

export async function updatePolicy(ctx: ServiceContext, id: string, patch: Partial<PolicyInput>) {
  const before = await getPolicy(ctx, id);
  checkTexts(patch);
  if (patch.sections) await assertClausesExist(ctx, { sections: patch.sections, schoolId: before.schoolId });
  const { schoolId: _ignored, ...set } = patch;
  await ctx.db.batch([
    ctx.db.execute(
      sql`update policies set ${sql.join(
        [
          ...Object.entries({
            title: set.title,
            intro: set.intro && JSON.stringify(set.intro),
            sections: set.sections && JSON.stringify(set.sections),
            statements: set.statements && JSON.stringify(set.statements),
            fields: set.fields && JSON.stringify(set.fields),
          })
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => (k === 'title' ? sql`title = ${v}` : sql`${sql.identifier(k)} = ${v}::jsonb`)),
          ...(set.audiences ? [sql`audiences = ${sql.param(set.audiences)}::membership_role[]`] : []),
          ...(set.reviewCycleMonths ? [sql`review_cycle_months = ${set.reviewCycleMonths}`] : []),
          ...(set.ownerUserId !== undefined ? [sql`owner_user_id = ${set.ownerUserId}::uuid`] : []),
          sql`updated_at = now()`,
        ],
        sql`, `,
      )} where id = ${id}::uuid and trust_id = ${ctx.actor.trustId}::uuid`,
    ),
    auditInsert(ctx, {
      action: 'policy.updated',
      entityType: 'policy',
      entityId: id,
      summary: `Changed the policy “${patch.title ?? before.title}”`,
      before,
      after: patch,
    }),
  ]);
  return getPolicy(ctx, id);
}

async function renderFor(ctx: ServiceContext, policy: Policy, schoolIds: string[]) {
  const schools = (await listSchools(ctx)).filter((s) => schoolIds.includes(s.id));
  const clauseIds = [...new Set(policy.sections.flatMap((s) => s.clauseIds))];
  const wordings = await loadWordings(ctx, clauseIds);
  return schools.map((school) => ({
    school,
    rendered: renderPolicy(policy, wordings.forSchool(school.id), {
      id: school.id,
      name: school.name,
      variables: school.variables,
    }),
  }));
}

export async function previewPolicy(ctx: ServiceContext, id: string, schoolId: string) {
  const policy = await getPolicy(ctx, id);
  if (!policy.schools.some((s) => s.schoolId === schoolId)) throw notFound('That school');
  const [out] = await renderFor(ctx, policy, [schoolId]);
  const text = canonicalText(out!.rendered);
  return { rendered: out!.rendered, canonicalText: text, sha256: await sha256Hex(text) };
}

const addMonths = (d: Date, months: number) => {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate()));
  return x.toISOString().slice(0, 10);
};

/**
 * Publishes the policy to its schools: each gets an immutable version (rendered snapshot, canonical
 * text and its SHA-256) unless its rendering is unchanged since its current version. One batch,
 * so either every school's new version exists or none does.
 */
export async function publishPolicy(
  ctx: ServiceContext,
  id: string,
  input: { schoolIds?: string[]; label?: string },
) {
  const policy = await getPolicy(ctx, id);
  const targets = input.schoolIds ?? policy.schools.map((s) => s.schoolId);
  const unknown = targets.filter((t) => !policy.schools.some((s) => s.schoolId === t));
  if (unknown.length) throw notFound('That school');
  if (policy.sections.every((s) => s.clauseIds.length === 0))
    throw new DomainError('VALIDATION_FAILED', 'sections: add at least one clause before publishing.');
  const rendered = await renderFor(ctx, policy, targets);
  const now = ctx.now();
  const results: {
    schoolId: string;
    schoolName: string;
    status: 'published' | 'unchanged';
    version: number;
    sha256: string;
  }[] = [];
  const inserts = [];
  for (const { school, rendered: content } of rendered) {
    const text = canonicalText(content);
    const hash = await sha256Hex(text);
    const current = policy.schools.find((s) => s.schoolId === school.id)?.current;
    if (current && current.sha256 === hash) {
      results.push({
        schoolId: school.id,
        schoolName: school.name,
        status: 'unchanged',
        version: current.version,
        sha256: hash,
      });
      continue;
    }
    const version = (current?.version ?? 0) + 1;
    results.push({
      schoolId: school.id,
      schoolName: school.name,
      status: 'published',
      version,
      sha256: hash,
    });
    inserts.push(
      ctx.db.insert(policyVersions).values({
        trustId: ctx.actor.trustId,
        policyId: id,
        schoolId: school.id,
        version,
        label: input.label ?? `Version ${version}`,
        content: content as RenderedPolicy,
        canonicalText: text,
        sha256: hash,
        publishedByUserId: ctx.actor.userId,
        nextReviewAt: addMonths(now, policy.reviewCycleMonths),
      }),
    );
  }
  const [firstInsert, ...moreInserts] = inserts;
  if (firstInsert) {
    try {
      await ctx.db.batch([
        firstInsert,
        ...moreInserts,
        auditInsert(ctx, {
          action: 'policy.published',
          entityType: 'policy',
          entityId: id,
          summary: `Published “${policy.title}” to ${inserts.length} school${inserts.length === 1 ? '' : 's'}`,
          after: results,
        }),
      ]);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError(
          'CONFLICT',
          'This policy was published by someone else at the same moment. Reload and check.',
        );
      throw error;
    }
  }
  return { results };
}

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

export async function listVersions(ctx: ServiceContext, policyId: string, schoolId?: string) {
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

/** Clause-level changes between two versions (default: the one published before it at that school). */
export async function diffVersion(ctx: ServiceContext, versionId: string, againstId?: string) {
  const after = await getVersion(ctx, versionId);
  let before: Awaited<ReturnType<typeof getVersion>> | null = null;
  if (againstId) before = await getVersion(ctx, againstId);
  else {
    const prev = firstRowOf(
      'previous policy version',
      z.object({ id: z.string() }),
      await ctx.db.execute(sql`
      select id from policy_versions where policy_id = ${after.policyId}::uuid and school_id = ${after.schoolId}::uuid
         and version < ${after.version} order by version desc limit 1`),
    );
    if (prev) before = await getVersion(ctx, prev.id);
  }
  const empty: RenderedPolicy = { ...after.content, sections: [], statements: [] };
  return {
    from: before && { id: before.id, version: before.version, label: before.label },
    to: { id: after.id, version: after.version, label: after.label },
    ...diffVersions(before?.content ?? empty, after.content),
  };
}
