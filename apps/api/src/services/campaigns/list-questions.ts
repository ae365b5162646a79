import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { rowsOf, timestampColumn } from '../../lib/rows.ts';
import { getCampaign } from './get-campaign.ts';

const QuestionRow = z.object({
  id: z.string(),
  body: z.string(),
  created_at: timestampColumn,
  school_id: z.string(),
  school_name: z.string(),
  person_name: z.string(),
  email: z.string(),
  status: z.string(),
});

/** What signers asked their school from the signing page, newest first (a head sees their schools'). */
export async function listQuestions(
  ctx: ServiceContext,
  { campaignId, schoolId }: { campaignId: string; schoolId?: string },
) {
  const campaign = await getCampaign(ctx, campaignId);
  const schools = schoolId ? campaign.schoolIds.filter((s) => s === schoolId) : campaign.schoolIds;
  const result = await ctx.db.execute(sql`
    select q.id, q.body, q.created_at, s.id as school_id, s.name as school_name, p.name as person_name, p.email, r.status
      from signer_questions q join recipients r on r.id = q.recipient_id
      join people p on p.id = r.person_id join schools s on s.id = q.school_id
     where q.campaign_id = ${campaignId}::uuid and q.trust_id = ${ctx.actor.trustId}::uuid
       and q.school_id = any(${sql.param(schools)}::uuid[])
     order by q.created_at desc, q.id
     limit 500`);
  return {
    data: rowsOf('signer questions', QuestionRow, result).map((r) => ({
      id: r.id,
      question: r.body,
      askedAt: r.created_at,
      schoolId: r.school_id,
      schoolName: r.school_name,
      personName: r.person_name,
      email: r.email,
      status: r.status,
    })),
  };
}
