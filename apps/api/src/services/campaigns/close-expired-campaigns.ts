import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SystemContext } from '../../lib/context.ts';
import { rowsOf } from '../../lib/rows.ts';
import { auditActor } from '../audit/record.ts';
import { linkExpirySql } from './membership.ts';

// Daily: a campaign whose signing links have all expired (the due date plus the grace period has
// passed) is closed. A closed campaign gets no reminders, no joiners, no leavers and no sweep; a
// signed link still shows what was signed. One statement, with its audit entries, so a second run
// closes nothing and records nothing.

export async function closeExpiredCampaigns(ctx: SystemContext) {
  const now = sql`${ctx.now().toISOString()}::timestamptz`;
  const result = await ctx.db.execute(sql`
    with closed as (
      update campaigns c set status = 'closed', updated_at = now()
       where c.trust_id = ${ctx.actor.trustId}::uuid and c.status in ('sending', 'sent') and ${linkExpirySql('c')} <= ${now}
         and not exists (select 1 from recipients r join person_links l on l.purpose = 'sign' and l.subject_id = r.id
                          where r.campaign_id = c.id and l.expires_at > ${now})
      returning c.id, c.trust_id, c.name
    ), audited as (
      insert into audit_log (trust_id, actor_user_id, actor_name, actor_email, action, entity_type, entity_id, summary, after)
      select ${auditActor(ctx)}, 'campaign.closed', 'campaign', cl.id,
             'Closed “' || cl.name || '”: its signing links have expired',
             jsonb_build_object('status', 'closed', 'signed', (select count(*) from recipients r where r.campaign_id = cl.id and r.status = 'signed'),
                                'outstanding', (select count(*) from recipients r where r.campaign_id = cl.id
                                                  and r.status in ('queued', 'sent', 'delivered', 'bounced')))
        from closed cl
    )
    select id from closed order by id`);
  return { closed: rowsOf('campaigns closed', z.object({ id: z.string() }), result).length };
}
