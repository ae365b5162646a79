import { sql } from 'drizzle-orm';
import { z } from 'zod';

/**
 * Who a campaign is sent to: everyone with a current membership at one of its schools in one of
 * its audiences, once each (someone at two of its schools is counted at the first by id, as the
 * launch records them). The launch writes these people as recipients; the review step lists them
 * beforehand, so the two can never disagree.
 */
export const audienceSql = ({
  trustId,
  schoolIds,
  audiences,
}: {
  trustId: string;
  schoolIds: string[];
  audiences: string[];
}) => sql`
  select distinct on (p.id) p.id as person_id, p.name, p.email, m.school_id
    from people p join school_memberships m on m.person_id = p.id
   where p.trust_id = ${trustId}::uuid and m.left_at is null
     and m.school_id = any(${sql.param(schoolIds)}::uuid[])
     and m.role::text = any(${sql.param(audiences)}::text[])
   order by p.id, m.school_id`;

/** One row of `audienceSql`. */
export const AudienceRow = z.object({
  person_id: z.string(),
  name: z.string(),
  email: z.string(),
  school_id: z.string(),
});
