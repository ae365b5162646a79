import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { campaignRows } from './campaign-rows.ts';

export async function getCampaign(ctx: ServiceContext, id: string) {
  const [campaign] = await campaignRows(ctx, sql`c.id = ${id}::uuid`);
  if (!campaign) throw notFound('That campaign');
  return campaign;
}
