import { diffVersions, type RenderedPolicy } from '@attest/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { firstRowOf } from '../../lib/rows.ts';
import { getVersion } from './get-version.ts';

/** Clause-level changes between two versions (default: the one published before it at that school). */
export async function diffVersion(
  ctx: ServiceContext,
  { versionId, againstId }: { versionId: string; againstId?: string },
) {
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
