import { membershipRoles } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/errors.ts';
import { createRouter, serviceContext } from '../../lib/router.ts';
import {
  type Campaign,
  createCampaign,
  getCampaign,
  listCampaigns,
} from '../../services/campaigns/campaigns.ts';
import { type CampaignSendMessage, launchCampaign, type QueueLike } from '../../services/campaigns/launch.ts';
import { authErrors, badInput, conflict, IdParams, json, notFoundError, text } from '../shared-schemas.ts';

const tags = ['Campaigns'];
const security = [{ bearer: [] }];

const reminder = z
  .string()
  .regex(/^(\+\d{1,2}|due(-\d{1,2})?)$/, 'use +N (days after sending), due-N or due');

const CampaignInputSchema = z
  .object({
    name: text(200).openapi({ example: 'Staff AUP 2026/27' }),
    policyId: z.uuid(),
    schoolIds: z.array(z.uuid()).min(1).max(500),
    audiences: z.array(z.enum(membershipRoles)).min(1).max(4),
    dueAt: z.iso.date().openapi({ example: '2026-09-30' }),
    message: z.string().trim().max(2000).optional(),
    reminderSchedule: z.array(reminder).max(5, 'at most 5 reminders').optional(),
  })
  .strict()
  .openapi('CampaignInput');

const counts = z.object({
  queued: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  bounced: z.number().int(),
  signed: z.number().int(),
  withdrawn: z.number().int(),
  total: z.number().int(),
  outstanding: z.number().int(),
});

const CampaignSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    policy: z.object({ id: z.uuid(), title: z.string() }),
    schoolIds: z.array(z.uuid()),
    audiences: z.array(z.enum(membershipRoles)),
    dueAt: z.string(),
    message: z.string(),
    reminderSchedule: z.array(z.string()),
    status: z.enum(['draft', 'sending', 'sent', 'closed']),
    launchedAt: z.string().nullable(),
    counts,
    schools: z.array(
      z.object({
        schoolId: z.uuid(),
        schoolName: z.string(),
        total: z.number().int(),
        signed: z.number().int(),
        bounced: z.number().int(),
        outstanding: z.number().int(),
      }),
    ),
    createdAt: z.string(),
  })
  .openapi('Campaign');

const asCampaign = (c: Campaign) => c as z.infer<typeof CampaignSchema>;

export const campaignsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Create a signing campaign (a head, for their own schools)',
      request: { body: { content: { 'application/json': { schema: CampaignInputSchema } }, required: true } },
      responses: {
        201: json(CampaignSchema, 'The campaign, as a draft'),
        ...authErrors,
        ...badInput,
        ...notFoundError,
      },
    }),
    async (c) => c.json(asCampaign(await createCampaign(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Campaigns, newest first, with counts',
      responses: { 200: json(z.object({ data: z.array(CampaignSchema) }), 'Campaigns'), ...authErrors },
    }),
    async (c) => c.json({ data: (await listCampaigns(serviceContext(c))).map(asCampaign) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      security,
      summary: 'One campaign with counts per status and per school',
      request: { params: IdParams },
      responses: { 200: json(CampaignSchema, 'The campaign'), ...authErrors, ...notFoundError },
    }),
    async (c) => c.json(asCampaign(await getCampaign(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/launch',
      tags,
      security,
      summary: 'Send it: writes the recipients and queues the emails (sent 100 per Resend call)',
      request: { params: IdParams },
      responses: {
        202: json(z.object({ recipients: z.number().int(), batches: z.number().int() }), 'Queued'),
        ...authErrors,
        ...badInput,
        ...notFoundError,
        ...conflict,
      },
    }),
    async (c) => {
      const queue = c.env.CAMPAIGN_QUEUE as QueueLike<CampaignSendMessage> | undefined;
      if (!queue) throw new ApiError('BAD_ENVIRONMENT', 'The campaign queue is not configured.');
      return c.json(await launchCampaign(serviceContext(c), c.req.valid('param').id, queue), 202);
    },
  );
