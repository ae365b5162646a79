import type { MembershipRole } from '@attest/core';
import { people, schoolMemberships } from '@attest/db';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, isUniqueViolation, notFound } from '../../lib/errors.ts';
import { enqueue } from '../../lib/queue.ts';
import { auditInsert } from '../audit/record.ts';
import {
  emailStatements,
  joinedSends,
  joinStatements,
  openCampaignsAt,
  planJoiners,
  withdrawStatement,
} from '../campaigns/membership.ts';
import { mailAfterAddressChange, retireLinksStatement } from '../links/retire-links.ts';
import { getSchool } from '../schools/get-school.ts';
import { canSeeSchool } from '../schools/visibility.ts';
import { getPerson } from './read.ts';

export interface CreatePersonInput {
  name: string;
  email: string;
  jobTitle?: string | null;
  schoolId: string;
  role: MembershipRole;
}

const emailTaken = (email: string) =>
  new DomainError('EMAIL_TAKEN', `${email} already belongs to someone in this trust.`, [
    { path: 'email', message: 'is already used by someone in this trust' },
  ]);

async function assertSchoolVisible(ctx: ServiceContext, schoolId: string) {
  // A school id from the body is checked against the trust like one from the path.
  if (!canSeeSchool(ctx.actor, schoolId)) throw notFound('That school');
  return getSchool(ctx, schoolId);
}

/** Someone new at a school joins its open campaigns for their role (services/campaigns/membership.ts). */
export async function createPerson(ctx: ServiceContext, input: CreatePersonInput) {
  const [school, campaigns] = await Promise.all([
    assertSchoolVisible(ctx, input.schoolId),
    openCampaignsAt(ctx, input.schoolId),
  ]);
  const id = crypto.randomUUID();
  const joining = await planJoiners(
    ctx,
    input.schoolId,
    'person',
    [{ key: id, role: input.role }],
    campaigns,
  );
  const person = {
    id,
    trustId: ctx.actor.trustId,
    name: input.name,
    email: input.email,
    jobTitle: input.jobTitle ?? null,
  };
  let results: unknown[];
  try {
    results = await ctx.db.batch([
      ctx.db.insert(people).values(person),
      ctx.db
        .insert(schoolMemberships)
        .values({ trustId: ctx.actor.trustId, schoolId: input.schoolId, personId: id, role: input.role }),
      auditInsert(ctx, {
        action: 'person.created',
        entityType: 'person',
        entityId: id,
        summary: `Added ${input.name} (${input.role}) at ${school.name}`,
        after: { ...person, schoolId: input.schoolId, role: input.role },
      }),
      ...joinStatements(ctx, joining),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(input.email);
    throw error;
  }
  if (joining.rows.length) await enqueue(ctx, joinedSends(ctx.actor.trustId, results));
  return getPerson(ctx, id);
}

export interface UpdatePersonInput {
  name?: string;
  email?: string;
  jobTitle?: string | null;
}

/**
 * A new email address also goes to the person's unsigned recipients of open campaigns (and
 * re-sends where the old one bounced), and clears the old address's bounce flag. It retires the
 * links sent to the old address (services/links/retire-links.ts): the new address is sent the new
 * ones and the old address is told of the change.
 */
export async function updatePerson(
  ctx: ServiceContext,
  { id, ...patch }: UpdatePersonInput & { id: string },
) {
  const before = await getPerson(ctx, id);
  const set = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.email !== undefined && { email: patch.email }),
    ...(patch.jobTitle !== undefined && { jobTitle: patch.jobTitle }),
  };
  const changed = Object.entries(set).filter(([k, v]) => before[k as keyof typeof before] !== v);
  if (changed.length === 0) return before;
  const newEmail = changed.some(([k]) => k === 'email') ? patch.email : undefined;
  const retireLinks = newEmail ? await retireLinksStatement(ctx, id) : null;
  let results: unknown[];
  try {
    results = await ctx.db.batch([
      ctx.db
        .update(people)
        .set({ ...set, ...(newEmail && { bouncedAt: null }), updatedAt: ctx.now().toISOString() })
        .where(and(eq(people.trustId, ctx.actor.trustId), eq(people.id, id))),
      auditInsert(ctx, {
        action: 'person.updated',
        entityType: 'person',
        entityId: id,
        summary: `Changed ${changed.map(([k]) => (k === 'jobTitle' ? 'job title' : k)).join(', ')} of ${before.name}`,
        before: Object.fromEntries(changed.map(([k]) => [k, before[k as keyof typeof before]])),
        after: Object.fromEntries(changed),
      }),
      ...(newEmail ? emailStatements(ctx, id, newEmail) : []),
      ...(retireLinks ? [retireLinks.statement] : []),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken(patch.email ?? before.email);
    throw error;
  }
  if (newEmail) {
    await enqueue(ctx, joinedSends(ctx.actor.trustId, results));
    await mailAfterAddressChange(ctx, {
      personId: id,
      personName: patch.name ?? before.name,
      oldEmail: before.email,
      schoolNames: before.memberships.filter((m) => m.leftAt === null).map((m) => m.schoolName),
    });
  }
  return getPerson(ctx, id);
}

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
