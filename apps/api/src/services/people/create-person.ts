import type { MembershipRole } from '@attest/core';
import { people, schoolMemberships } from '@attest/db';
import type { ServiceContext } from '../../lib/context.ts';
import { isUniqueViolation, notFound } from '../../lib/errors.ts';
import { enqueue } from '../../lib/queue.ts';
import { auditInsert } from '../audit/record.ts';
import { joinedSends, joinStatements, openCampaignsAt, planJoiners } from '../campaigns/membership.ts';
import { getSchool } from '../schools/get-school.ts';
import { canSeeSchool } from '../schools/visibility.ts';
import { emailTaken } from './email-taken.ts';
import { getPerson } from './get-person.ts';

export interface CreatePersonInput {
  name: string;
  email: string;
  jobTitle?: string | null;
  schoolId: string;
  role: MembershipRole;
}

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
