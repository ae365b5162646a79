import { membershipRoles } from '@attest/core';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SystemContext } from '../../lib/context.ts';
import { enqueue } from '../../lib/queue.ts';
import { rowsOf, textArrayColumn } from '../../lib/rows.ts';
import { joinedSends, joinStatements, openCampaignSql, planJoiners } from './membership.ts';

// Hourly (and in the daily run), with the stranded-send sweep: anyone in an open campaign's
// audiences at its schools who has no recipient row at all is added now. Joining adds people in
// the same transaction as the directory change, so this only finds the one gap that design
// leaves: a person added between a launch's read of the directory and its write (the join saw
// the campaign still a draft, the launch never saw the person). Withdrawn recipients are left
// alone: only leaving and rejoining puts them back. docs/adr/0010.

const MissedJoinerRow = z.object({
  campaign_id: z.string(),
  audiences: textArrayColumn.pipe(z.array(z.enum(membershipRoles))),
  school_id: z.string(),
  person_id: z.string(),
  role: z.enum(membershipRoles),
});
type MissedJoinerRow = z.infer<typeof MissedJoinerRow>;

export async function addMissedJoiners(ctx: SystemContext) {
  const trustId = ctx.actor.trustId;
  const result = await ctx.db.execute(sql`
    select distinct on (c.id, m.person_id) c.id as campaign_id, c.audiences, m.school_id, m.person_id, m.role
      from campaigns c
      join school_memberships m on m.trust_id = c.trust_id and m.school_id = any(c.school_ids)
                              and m.role = any(c.audiences) and m.left_at is null
     where c.trust_id = ${trustId}::uuid and ${openCampaignSql('c', ctx.now())}
       and not exists (select 1 from recipients r where r.campaign_id = c.id and r.person_id = m.person_id)
     order by c.id, m.person_id, m.school_id
     limit 5000`);
  const missed = rowsOf('missed joiners', MissedJoinerRow, result);
  // One join per campaign and school, as if those people had just joined that school.
  const groups = new Map<string, MissedJoinerRow[]>();
  for (const row of missed) {
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
      [{ id: first.campaign_id, audiences: first.audiences }],
    );
    const statements = joinStatements(ctx, plan);
    if (statements.length === 0) continue;
    const [head, ...rest] = statements;
    const results = await ctx.db.batch([head!, ...rest]);
    added += rows.length;
    await enqueue(ctx, joinedSends(trustId, results));
  }
  return { campaigns: new Set(missed.map((r) => r.campaign_id)).size, added };
}
