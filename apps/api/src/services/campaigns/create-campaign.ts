import { campaigns } from '@attest/db';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { auditInsert } from '../audit/record.ts';
import { getPolicy } from '../policies/get-policy.ts';
import { canSeeSchool } from '../schools/visibility.ts';
import { DEFAULT_REMINDERS } from './campaign-rows.ts';
import { getCampaign } from './get-campaign.ts';

type Audience = 'staff' | 'governor' | 'volunteer' | 'visitor';

export interface CampaignInput {
  name: string;
  policyId: string;
  schoolIds: string[];
  audiences: Audience[];
  dueAt: string;
  message?: string;
  reminderSchedule?: string[];
}

/** `previous`: the campaign this one re-runs (see rerun-campaign.ts), recorded on the row and in the audit log. */
export async function createCampaign(
  ctx: ServiceContext,
  { previous, ...input }: CampaignInput & { previous?: { id: string; name: string } },
) {
  const policy = await getPolicy(ctx, input.policyId);
  const schoolIds = [...new Set(input.schoolIds)];
  const outside = schoolIds.filter(
    (id) => !canSeeSchool(ctx.actor, id) || !policy.schools.some((s) => s.schoolId === id),
  );
  if (outside.length) throw notFound('That school');
  if (input.dueAt < ctx.now().toISOString().slice(0, 10)) {
    throw new DomainError('VALIDATION_FAILED', 'dueAt: the due date is in the past.', [
      { path: 'dueAt', message: 'is in the past' },
    ]);
  }
  const id = crypto.randomUUID();
  const values = {
    id,
    trustId: ctx.actor.trustId,
    name: input.name,
    policyId: input.policyId,
    schoolIds,
    audiences: input.audiences,
    dueAt: input.dueAt,
    message: input.message ?? '',
    reminderSchedule: input.reminderSchedule ?? DEFAULT_REMINDERS,
    previousCampaignId: previous?.id ?? null,
    createdByUserId: ctx.actor.userId,
  };
  await ctx.db.batch([
    ctx.db.insert(campaigns).values(values),
    auditInsert(ctx, {
      action: 'campaign.created',
      entityType: 'campaign',
      entityId: id,
      summary: previous
        ? `Created the campaign “${input.name}” to run “${previous.name}” again`
        : `Created the campaign “${input.name}”`,
      after: values,
    }),
  ]);
  return getCampaign(ctx, id);
}
