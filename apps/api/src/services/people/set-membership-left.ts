import { schoolMemberships } from '@attest/db';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { enqueue } from '../../lib/queue.ts';
import { auditInsert } from '../audit/record.ts';
import {
  joinedSends,
  joinStatements,
  openCampaignsAt,
  planJoiners,
  withdrawStatement,
} from '../campaigns/membership.ts';
import { canSeeSchool } from '../schools/visibility.ts';
import { getPerson } from './get-person.ts';

/**
 * Marks a person as having left (or rejoined) one school. A single conditional UPDATE: two admins
 * clicking at once leave one audit entry's worth of change, and the loser is told it was done.
 * Leaving withdraws them from open campaigns they no longer belong in; rejoining adds them back.
 */
export async function setMembershipLeft(
  ctx: ServiceContext,
  { id, schoolId, left }: { id: string; schoolId: string; left: boolean },
) {
  const [person, campaigns] = await Promise.all([
    getPerson(ctx, id),
    left ? Promise.resolve([]) : openCampaignsAt(ctx, schoolId),
  ]);
  if (!canSeeSchool(ctx.actor, schoolId)) throw notFound('That school');
  const membership = person.memberships.find((m) => m.schoolId === schoolId);
  if (!membership) throw new DomainError('NOT_FOUND', `${person.name} is not a member of that school.`);
  const at = ctx.now().toISOString();
  const where = and(
    eq(schoolMemberships.trustId, ctx.actor.trustId),
    eq(schoolMemberships.personId, id),
    eq(schoolMemberships.schoolId, schoolId),
    left ? isNull(schoolMemberships.leftAt) : isNotNull(schoolMemberships.leftAt),
  );
  if ((membership.leftAt === null) !== left) throw alreadyThere(person.name, membership.schoolName, left);
  const joining = await planJoiners(ctx, schoolId, 'person', [{ key: id, role: null }], campaigns);
  const results = await ctx.db.batch([
    ctx.db
      .update(schoolMemberships)
      .set({ leftAt: left ? at : null, updatedAt: at })
      .where(where)
      .returning({ id: schoolMemberships.id }),
    auditInsert(
      ctx,
      {
        action: left ? 'person.left' : 'person.rejoined',
        entityType: 'person',
        entityId: id,
        summary: `${person.name} ${left ? 'left' : 'rejoined'} ${membership.schoolName}`,
        before: { leftAt: membership.leftAt },
        after: { leftAt: left ? at : null },
      },
      // Written only if this very transaction made the change (a racing twin matches nothing).
      sql`exists (select 1 from school_memberships where person_id = ${id}::uuid and school_id = ${schoolId}::uuid and updated_at = ${at}::timestamptz)`,
    ),
    ...(left ? [withdrawStatement(ctx, [id], schoolId)] : joinStatements(ctx, joining)),
  ]);
  const [updated] = results;
  if (updated.length === 0) throw alreadyThere(person.name, membership.schoolName, left);
  if (joining.rows.length) await enqueue(ctx, joinedSends(ctx.actor.trustId, results));
  return getPerson(ctx, id);
}

const alreadyThere = (name: string, school: string, left: boolean) =>
  new DomainError(
    left ? 'ALREADY_LEFT' : 'NOT_LEFT',
    left ? `${name} has already left ${school}.` : `${name} has not left ${school}.`,
  );
