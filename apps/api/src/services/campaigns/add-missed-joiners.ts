import type { MembershipRole } from '@attest/core';
import { sql } from 'drizzle-orm';
import type { SystemContext } from '../../lib/context.ts';
import { fromPgArray } from '../../lib/pg-values.ts';
import { enqueue } from '../../lib/queue.ts';
import { joinedSends, joinStatements, openCampaignSql, planJoiners } from './membership.ts';

// Hourly (and in the daily run), with the stranded-send sweep: anyone in an open campaign's
// audiences at its schools who has no recipient row at all is added now. Joining adds people in
// the same transaction as the directory change, so this only finds the one gap that design
// leaves: a person added between a launch's read of the directory and its write (the join saw
// the campaign still a draft, the launch never saw the person). Withdrawn recipients are left
// alone: only leaving and rejoining puts them back. docs/adr/0010.

export async function addMissedJoiners(ctx: SystemContext) {
  const trustId = ctx.actor.trustId;
  const missed = await ctx.db.execute<{
    campaign_id: string;
    audiences: MembershipRole[] | string;
    school_id: string;
    person_id: string;
    role: MembershipRole;
  }>(sql`
    select distinct on (c.id, m.person_id) c.id as campaign_id, c.audiences, m.school_id, m.person_id, m.role
      from campaigns c
      join school_memberships m on m.trust_id = c.trust_id and m.school_id = any(c.school_ids)
                              and m.role = any(c.audiences) and m.left_at is null
     where c.trust_id = ${trustId}::uuid and ${openCampaignSql('c', ctx.now())}
       and not exists (select 1 from recipients r where r.campaign_id = c.id and r.person_id = m.person_id)
     order by c.id, m.person_id, m.school_id
     limit 5000`);
  // One join per campaign and school, as if those people had just joined that school.
  const groups = new Map<string, typeof missed.rows>();
  for (const row of missed.rows) {
    const key = `${row.campaign_id}:${row.school_id}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  let added = 0;
  for (const rows of groups.values()) {
    const first = rows[0]!;
    const plan = await planJoiners(
      ctx,
      first.school_id,
      'person',
      rows.map((r) => ({ key: r.person_id, role: r.role })),
      [{ id: first.campaign_id, audiences: fromPgArray(first.audiences) }],
    );
    const statements = joinStatements(ctx, plan);
    if (statements.length === 0) continue;
    const [head, ...rest] = statements;
    const results = await ctx.db.batch([head!, ...rest]);
    added += rows.length;
    await enqueue(ctx, joinedSends(trustId, results));
  }
  return { campaigns: new Set(missed.rows.map((r) => r.campaign_id)).size, added };
}
