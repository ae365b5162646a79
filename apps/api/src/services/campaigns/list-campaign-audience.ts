import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { rowsOf } from '../../lib/rows.ts';
import { AudienceRow, audienceSql } from './campaign-audience.ts';
import { getCampaign } from './get-campaign.ts';

const Row = AudienceRow.extend({ school_name: z.string() });

/**
 * The review step's "who will be emailed": a draft's would-be recipients, by school and name,
 * selected exactly as the launch selects them. Once sent, its recipients are the answer instead.
 */
export async function listCampaignAudience(ctx: ServiceContext, id: string) {
  const campaign = await getCampaign(ctx, id);
  if (campaign.status !== 'draft')
    throw new DomainError(
      'CONFLICT',
      `“${campaign.name}” has already been sent: its recipients are the people it went to.`,
    );
  const result = await ctx.db.execute(sql`
    select a.person_id, a.name, a.email, a.school_id, s.name as school_name
      from (${audienceSql({ trustId: ctx.actor.trustId, schoolIds: campaign.schoolIds, audiences: campaign.audiences })}) a
      join schools s on s.id = a.school_id
     order by s.name, lower(a.name), a.person_id`);
  const people = rowsOf('campaign audience', Row, result);
  const schools = new Map<string, { schoolId: string; schoolName: string; count: number }>();
  for (const p of people) {
    const school = schools.get(p.school_id) ?? { schoolId: p.school_id, schoolName: p.school_name, count: 0 };
    school.count += 1;
    schools.set(p.school_id, school);
  }
  return {
    count: people.length,
    schools: [...schools.values()],
    data: people.map((p) => ({
      personId: p.person_id,
      name: p.name,
      email: p.email,
      schoolId: p.school_id,
      schoolName: p.school_name,
    })),
  };
}
