import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../lib/context.ts';
import { campaignRows } from './campaign-rows.ts';

export const listCampaigns = (ctx: ServiceContext) => campaignRows(ctx, sql`true`);
