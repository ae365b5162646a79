import { people } from '@attest/db';
import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { isUniqueViolation } from '../../lib/errors.ts';
import { enqueue } from '../../lib/queue.ts';
import { auditInsert } from '../audit/record.ts';
import { emailStatements, joinedSends } from '../campaigns/membership.ts';
import { mailAfterAddressChange, retireLinksStatement } from '../links/retire-links.ts';
import { emailTaken } from './email-taken.ts';
import { getPerson } from './get-person.ts';
import { assertMayChangePerson } from './person-scope.ts';

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
  await assertMayChangePerson(ctx, id, before.name);
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
