import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { firstRowOf, intColumn } from '../../lib/rows.ts';
import { actorSchoolIds, seesWholeTrust } from '../schools/visibility.ts';

const Memberships = z.object({ ours: intColumn, elsewhere: intColumn });

/**
 * A person's own details (name, email, job title) belong to every school they work at. A head or
 * school admin may change them only while the person works at one of their schools and at no
 * other; otherwise it is a trust admin's change. Someone who has left the actor's school is no
 * longer theirs to change.
 */
export async function assertMayChangePerson(ctx: ServiceContext, personId: string, personName: string) {
  if (seesWholeTrust(ctx.actor)) return;
  const mine = sql.param(actorSchoolIds(ctx.actor));
  const counts = firstRowOf(
    'current memberships',
    Memberships,
    await ctx.db.execute(sql`
      select count(*) filter (where school_id = any(${mine}::uuid[]))::int as ours,
             count(*) filter (where not (school_id = any(${mine}::uuid[])))::int as elsewhere
        from school_memberships
       where trust_id = ${ctx.actor.trustId}::uuid and person_id = ${personId}::uuid and left_at is null`),
  );
  if (!counts || counts.ours === 0)
    throw new DomainError(
      'FORBIDDEN',
      `${personName} no longer works at your school, so only a trust admin can change their details.`,
    );
  if (counts.elsewhere > 0)
    throw new DomainError(
      'FORBIDDEN',
      `${personName} also works at another school, so only a trust admin can change their name, email or job title.`,
    );
}
