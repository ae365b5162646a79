import { plural } from '@attest/core/words';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../lib/context.ts';
import { DomainError, pgErrorCode } from '../../lib/errors.ts';
import { enqueue } from '../../lib/queue.ts';
import { rowsOf } from '../../lib/rows.ts';
import { auditInsert } from '../audit/record.ts';
import { newLink } from '../links/tokens.ts';
import { AudienceRow, audienceSql } from './campaign-audience.ts';
import { assertCampaignWithinSchools } from './campaign-scope.ts';
import { getCampaign } from './get-campaign.ts';

export const BATCH_SIZE = 100; // Resend's batch limit: one Resend call per queue message
export const LINK_GRACE_DAYS = 30; // links still open (to see what was signed) a month after the due date

/**
 * Launch writes the recipient list and enqueues one message per 100 recipients; it sends nothing
 * itself. Two launches racing: the row lock in the batch's first statement makes the second see
 * the campaign already sending, and it rolls back whole.
 */
export async function launchCampaign(ctx: ServiceContext, id: string) {
  const campaign = await getCampaign(ctx, id);
  await assertCampaignWithinSchools(ctx, campaign);
  if (campaign.status !== 'draft')
    throw new DomainError('CONFLICT', `“${campaign.name}” has already been sent.`);
  const trustId = ctx.actor.trustId;
  const versions = await ctx.db.execute(sql`
    select distinct on (school_id) id, school_id from policy_versions
     where policy_id = ${campaign.policy.id}::uuid and school_id = any(${sql.param(campaign.schoolIds)}::uuid[])
     order by school_id, version desc`);
  const versionBySchool = new Map(
    rowsOf('latest versions', z.object({ id: z.string(), school_id: z.string() }), versions).map((v) => [
      v.school_id,
      v.id,
    ]),
  );
  const unpublished = campaign.schoolIds.filter((s) => !versionBySchool.has(s));
  if (unpublished.length) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Publish “${campaign.policy.title}” for every school in the campaign first (${unpublished.length} not yet published).`,
      unpublished.map((s) => ({ path: 'schoolIds', message: `not published at ${s}` })),
    );
  }
  const audience = rowsOf(
    'audience',
    AudienceRow,
    await ctx.db.execute(
      audienceSql({ trustId, schoolIds: campaign.schoolIds, audiences: campaign.audiences }),
    ),
  );
  if (audience.length === 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Nobody at those schools is in those audiences: add people first.',
    );
  }
  const rows = await Promise.all(
    audience.map(async (p, i) => {
      const link = await newLink(ctx.config, 'sign');
      return {
        id: crypto.randomUUID(),
        linkId: link.id,
        ...p,
        hash: link.hash,
        batch: Math.floor(i / BATCH_SIZE),
        version: versionBySchool.get(p.school_id)!,
      };
    }),
  );
  const expires = new Date(`${campaign.dueAt}T23:59:59Z`);
  expires.setUTCDate(expires.getUTCDate() + LINK_GRACE_DAYS);
  const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k]));
  try {
    await ctx.db.batch([
      ctx.db.execute(sql`select attest_assert(
        (select status from campaigns where id = ${id}::uuid and trust_id = ${trustId}::uuid for update) = 'draft', 'already launched')`),
      ctx.db.execute(
        sql`update campaigns set status = 'sending', launched_at = now(), updated_at = now() where id = ${id}::uuid`,
      ),
      ctx.db.execute(sql`
        insert into recipients (id, trust_id, campaign_id, person_id, school_id, policy_version_id, email, batch_no)
        select t.id, ${trustId}::uuid, ${id}::uuid, t.person_id, t.school_id, t.version_id, t.email, t.batch
          from unnest(${col('id')}::uuid[], ${col('person_id')}::uuid[], ${col('school_id')}::uuid[], ${col('version')}::uuid[],
                      ${col('email')}::text[], ${col('batch')}::int[])
               as t(id, person_id, school_id, version_id, email, batch)`),
      // Each recipient's emailed link (services/links): only its hash is stored.
      ctx.db.execute(sql`
        insert into person_links (id, trust_id, person_id, purpose, subject_id, token_hash, expires_at)
        select t.link_id, ${trustId}::uuid, t.person_id, 'sign', t.recipient_id, t.hash, ${expires.toISOString()}::timestamptz
          from unnest(${col('linkId')}::uuid[], ${col('person_id')}::uuid[], ${col('id')}::uuid[], ${col('hash')}::text[])
               as t(link_id, person_id, recipient_id, hash)`),
      auditInsert(ctx, {
        action: 'campaign.launched',
        entityType: 'campaign',
        entityId: id,
        summary: `Sent “${campaign.name}” to ${plural(rows.length, 'person', 'people')}`,
      }),
    ]);
  } catch (error) {
    if (pgErrorCode(error) === 'P0001')
      throw new DomainError('CONFLICT', `“${campaign.name}” has already been sent.`);
    throw error;
  }
  const batches = Math.ceil(rows.length / BATCH_SIZE);
  const messages = Array.from({ length: batches }, (_, batchNo) => ({
    kind: 'campaign.send' as const,
    trustId,
    campaignId: id,
    batchNo,
  }));
  // The launch has happened once the batch commits: a queue outage delays the emails (the sweep
  // sends them) but does not fail the request, which could not be retried anyway (409).
  await enqueue(ctx, messages);
  return { recipients: rows.length, batches };
}
