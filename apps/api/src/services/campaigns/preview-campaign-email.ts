import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { rowsOf } from '../../lib/rows.ts';
import { webUrl } from '../../lib/web-url.ts';
import { getCampaign } from './get-campaign.ts';
import { signingEmail } from './signing-emails.ts';

/** How many people the preview's picker offers (the first by school and name). */
const CANDIDATES = 200;

/** Someone the preview can be shown as: a recipient once launched, before that a member in the audiences. */
const Candidate = z.object({
  person_id: z.string(),
  person_name: z.string(),
  email: z.string(),
  school_id: z.string(),
  school_name: z.string(),
  recipient_id: z.string().nullable(),
  policy_title: z.string().nullable(),
  version_label: z.string().nullable(),
});

/**
 * The signing request exactly as one person will get it (or got it): their name, their school's
 * version, the campaign's message. Before sending, anyone in the campaign's audiences at its
 * schools; after, its recipients. The link is a placeholder: a preview never mints a real one.
 */
export async function previewCampaignEmail(
  ctx: ServiceContext,
  { campaignId, personId }: { campaignId: string; personId?: string },
) {
  const campaign = await getCampaign(ctx, campaignId);
  const schools = campaign.schoolIds; // already narrowed to what the actor may see
  const launched = campaign.status !== 'draft';
  const candidates = async (only: SQL) =>
    rowsOf(
      'preview candidates',
      Candidate,
      await ctx.db.execute(
        launched
          ? sql`
        select p.id as person_id, p.name as person_name, r.email, s.id as school_id, s.name as school_name, r.id as recipient_id,
               v.content->>'title' as policy_title, v.label as version_label
          from recipients r join people p on p.id = r.person_id join schools s on s.id = r.school_id
          join policy_versions v on v.id = r.policy_version_id
         where r.campaign_id = ${campaignId}::uuid and r.trust_id = ${ctx.actor.trustId}::uuid
           and r.school_id = any(${sql.param(schools)}::uuid[]) and ${only}
         order by s.name, lower(p.name), p.id
         limit ${CANDIDATES}`
          : sql`
        select distinct on (s.name, lower(p.name), p.id) p.id as person_id, p.name as person_name, p.email,
               s.id as school_id, s.name as school_name, null as recipient_id,
               v.content->>'title' as policy_title, v.label as version_label
          from people p join school_memberships m on m.person_id = p.id join schools s on s.id = m.school_id
          left join lateral (select pv.content, pv.label from policy_versions pv
                              where pv.policy_id = ${campaign.policy.id}::uuid and pv.school_id = s.id
                              order by pv.version desc limit 1) v on true
         where p.trust_id = ${ctx.actor.trustId}::uuid and m.left_at is null
           and m.school_id = any(${sql.param(schools)}::uuid[])
           and m.role::text = any(${sql.param(campaign.audiences)}::text[]) and ${only}
         order by s.name, lower(p.name), p.id
         limit ${CANDIDATES}`,
      ),
    );
  const listed = await candidates(sql`true`);
  // Someone past the picker's first page is looked up on their own.
  const rows =
    personId && !listed.some((r) => r.person_id === personId)
      ? [...(await candidates(sql`p.id = ${personId}::uuid`)), ...listed]
      : listed;
  const chosen = personId ? rows.find((r) => r.person_id === personId) : rows[0];
  if (!chosen) throw notFound(personId ? 'That person' : 'Anyone to preview as');
  const web = webUrl(ctx.config);
  const email = signingEmail(
    ctx.config,
    campaign.id,
    {
      id: chosen.recipient_id ?? chosen.person_id,
      email: chosen.email,
      person_name: chosen.person_name,
      school_name: chosen.school_name,
      policy_title: chosen.policy_title ?? campaign.policy.title,
      version_label: chosen.version_label ?? '',
      due_at: campaign.dueAt,
      message: campaign.message,
    },
    `${web}/sign/your-own-link`,
    false,
  );
  return {
    person: {
      id: chosen.person_id,
      name: chosen.person_name,
      email: chosen.email,
      schoolName: chosen.school_name,
    },
    published: chosen.version_label !== null,
    from: email.from,
    to: email.to[0]!,
    subject: email.subject,
    text: email.text,
    html: email.html,
    candidates: listed.map((r) => ({
      personId: r.person_id,
      name: r.person_name,
      schoolName: r.school_name,
    })),
  };
}
