import { rerunName } from '@attest/core';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError } from '../../lib/errors.ts';
import { assertCampaignWithinSchools } from './campaign-scope.ts';
import { createCampaign } from './create-campaign.ts';
import { getCampaign } from './get-campaign.ts';

export interface RerunInput {
  dueAt: string;
  name?: string;
}

/**
 * Next year's round: a new draft with the same policy, schools, audiences, message and reminder
 * schedule, linked to the campaign it repeats. Nothing is copied from the recipients: launching the
 * draft sends each school's latest published version to whoever is there then, and someone who
 * signed an earlier version is shown what changed since (services/signing). A head re-runs it for
 * the schools of it they can see; a trust admin for all of them.
 */
export async function rerunCampaign(ctx: ServiceContext, { id, ...input }: RerunInput & { id: string }) {
  const previous = await getCampaign(ctx, id);
  await assertCampaignWithinSchools(ctx, previous);
  if (previous.status === 'draft') {
    throw new DomainError(
      'CONFLICT',
      `“${previous.name}” has not been sent yet: send it, or change its due date, rather than running it again.`,
    );
  }
  return createCampaign(ctx, {
    name: input.name ?? rerunName(previous.name),
    policyId: previous.policy.id,
    schoolIds: previous.schoolIds,
    audiences: previous.audiences,
    dueAt: input.dueAt,
    message: previous.message,
    reminderSchedule: previous.reminderSchedule,
    previous: { id: previous.id, name: previous.name },
  });
}
