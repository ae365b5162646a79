import { canonicalText, type RenderedPolicy, sha256Hex } from '@attest/core';
import { policyVersions } from '@attest/db';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, isUniqueViolation, notFound } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { getPolicy } from './get-policy.ts';
import { renderFor } from './policy-rendering.ts';

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
  { id, ...input }: { id: string; schoolIds?: string[]; label?: string },
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
