import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { getCampaign } from './campaigns.ts';

/** What signers asked their school from the signing page, newest first (a head sees their schools'). */
export async function listQuestions(ctx: ServiceContext, campaignId: string, schoolId?: string) {
  const campaign = await getCampaign(ctx, campaignId);
  const schools = schoolId ? campaign.schoolIds.filter((s) => s === schoolId) : campaign.schoolIds;
  const result = await ctx.db.execute<{
    id: string;
    body: string;
    created_at: string;
    school_id: string;
    school_name: string;
    person_name: string;
    email: string;
    status: string;
  }>(sql`
    select q.id, q.body, q.created_at, s.id as school_id, s.name as school_name, p.name as person_name, p.email, r.status
      from signer_questions q join recipients r on r.id = q.recipient_id
      join people p on p.id = r.person_id join schools s on s.id = q.school_id
     where q.campaign_id = ${campaignId}::uuid and q.trust_id = ${ctx.actor.trustId}::uuid
       and q.school_id = any(${sql.param(schools)}::uuid[])
     order by q.created_at desc, q.id
     limit 500`);
  return {
    data: result.rows.map((r) => ({
      id: r.id,
      question: r.body,
      askedAt: new Date(r.created_at).toISOString(),
      schoolId: r.school_id,
      schoolName: r.school_name,
      personName: r.person_name,
      email: r.email,
      status: r.status,
    })),
  };
}
