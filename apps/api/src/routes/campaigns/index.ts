import { membershipRoles } from '@attest/core';
import { z } from '@hono/zod-openapi';
import { createRouter, serviceContext } from '../../lib/router.ts';
import type { Campaign } from '../../services/campaigns/campaign-rows.ts';
import { createCampaign } from '../../services/campaigns/create-campaign.ts';
import { getCampaign } from '../../services/campaigns/get-campaign.ts';
import { launchCampaign } from '../../services/campaigns/launch-campaign.ts';
import { listCampaignAudience } from '../../services/campaigns/list-campaign-audience.ts';
import { listCampaigns } from '../../services/campaigns/list-campaigns.ts';
import { listQuestions } from '../../services/campaigns/list-questions.ts';
import { listRecipients } from '../../services/campaigns/list-recipients.ts';
import { previewCampaignEmail } from '../../services/campaigns/preview-campaign-email.ts';
import { recipientSignedCopy } from '../../services/campaigns/recipient-signed-copy.ts';
import { remindOutstanding } from '../../services/campaigns/remind-outstanding.ts';
import { rerunCampaign } from '../../services/campaigns/rerun-campaign.ts';
import { schoolEvidencePack } from '../../services/campaigns/school-evidence-pack.ts';
import { signaturesCsv } from '../../services/campaigns/signatures-csv.ts';
import {
  bearerRoutes,
  IdParams,
  json,
  jsonBody,
  listOf,
  pdf,
  pdfHeaders,
  plainError,
  standardErrors,
  text,
} from '../shared-schemas.ts';

const route = bearerRoutes('Campaigns');

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
    /** The campaign this one runs again, if it is a re-run. */
    previousCampaignId: z.uuid().nullable(),
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
        /** When someone last pressed "Remind" for this school; scheduled reminders are not counted. */
        lastChasedAt: z.string().nullable(),
      }),
    ),
    createdAt: z.string(),
  })
  .openapi('Campaign');

// Typed, not cast: the service's answer must already be what the response schema documents.
const asCampaign = (c: Campaign): z.infer<typeof CampaignSchema> => c;

const pathId = (name: string) =>
  z.uuid().openapi({ param: { name, in: 'path' }, example: '0b6f3c2a-5d1e-4f7a-9c8b-2e4d6f8a0b1c' });
const RecipientParams = IdParams.extend({ recipientId: pathId('recipientId') });
const SchoolParams = IdParams.extend({ schoolId: pathId('schoolId') });
const RerunInputSchema = z
  .object({
    dueAt: z.iso.date().openapi({ example: '2027-09-30' }),
    name: text(200)
      .optional()
      .openapi({ description: 'Defaults to the old name with its academic year moved on, or "(again)"' }),
  })
  .strict()
  .openapi('CampaignRerunInput');

export const campaignsRouter = createRouter()
  .openapi(
    route.post('/', {
      operationId: 'createCampaign',
      summary: 'Create a signing campaign (a head, for their own schools)',
      request: { body: jsonBody(CampaignInputSchema) },
      responses: {
        201: json(CampaignSchema, 'The campaign, as a draft'),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) => c.json(asCampaign(await createCampaign(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    route.get('/', {
      operationId: 'listCampaigns',
      summary: 'Campaigns, newest first, with counts',
      responses: { 200: listOf(CampaignSchema, 'Campaigns'), ...standardErrors() },
    }),
    async (c) => c.json({ data: (await listCampaigns(serviceContext(c))).map(asCampaign) }, 200),
  )
  .openapi(
    route.get('/{id}', {
      operationId: 'getCampaign',
      summary: 'One campaign with counts per status and per school',
      request: { params: IdParams },
      responses: { 200: json(CampaignSchema, 'The campaign'), ...standardErrors('notFound') },
    }),
    async (c) => c.json(asCampaign(await getCampaign(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    route.get('/{id}/audience', {
      operationId: 'listCampaignAudience',
      summary:
        'Before sending: who a draft will email (everyone in its audiences at its schools, once each), by school',
      request: { params: IdParams },
      responses: {
        200: json(
          z.object({
            count: z.number().int(),
            schools: z.array(
              z.object({ schoolId: z.uuid(), schoolName: z.string(), count: z.number().int() }),
            ),
            data: z.array(
              z.object({
                personId: z.uuid(),
                name: z.string(),
                email: z.string(),
                schoolId: z.uuid(),
                schoolName: z.string(),
              }),
            ),
          }),
          'The people it would email',
        ),
        ...standardErrors('notFound', 'conflict'),
      },
    }),
    async (c) => c.json(await listCampaignAudience(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route.post('/{id}/launch', {
      operationId: 'launchCampaign',
      summary: 'Send it: writes the recipients and queues the emails (sent 100 per Resend call)',
      request: { params: IdParams },
      responses: {
        202: json(z.object({ recipients: z.number().int(), batches: z.number().int() }), 'Queued'),
        ...standardErrors('badInput', 'notFound', 'conflict'),
      },
    }),
    async (c) => {
      return c.json(await launchCampaign(serviceContext(c), c.req.valid('param').id), 202);
    },
  )
  .openapi(
    route.post('/{id}/rerun', {
      operationId: 'rerunCampaign',
      summary:
        'Run a sent campaign again (next year): a new draft with the same policy, schools, audiences and reminders',
      request: { params: IdParams, body: jsonBody(RerunInputSchema) },
      responses: {
        201: json(CampaignSchema, 'The new campaign, as a draft'),
        ...standardErrors('badInput', 'notFound', 'conflict'),
      },
    }),
    async (c) =>
      c.json(
        asCampaign(
          await rerunCampaign(serviceContext(c), { id: c.req.valid('param').id, ...c.req.valid('json') }),
        ),
        201,
      ),
  )
  .openapi(
    route.get('/{id}/recipients', {
      operationId: 'listCampaignRecipients',
      summary: 'Who has and has not signed, by school (filter by school and status)',
      request: {
        params: IdParams,
        query: z.object({
          schoolId: z.uuid().optional(),
          status: z
            .enum(['queued', 'sent', 'delivered', 'bounced', 'signed', 'withdrawn', 'outstanding'])
            .optional(),
        }),
      },
      responses: {
        200: json(
          z.object({
            campaign: z.object({ id: z.uuid(), name: z.string() }),
            data: z.array(
              z.object({
                id: z.uuid(),
                personId: z.uuid(),
                name: z.string(),
                email: z.string(),
                jobTitle: z.string().nullable(),
                schoolId: z.uuid(),
                schoolName: z.string(),
                status: z.string(),
                sends: z.number().int(),
                lastSentAt: z.string().nullable(),
                signedAt: z.string().nullable(),
                typedName: z.string().nullable(),
              }),
            ),
          }),
          'Recipients',
        ),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) =>
      c.json(
        await listRecipients(serviceContext(c), {
          campaignId: c.req.valid('param').id,
          ...c.req.valid('query'),
        }),
        200,
      ),
  )
  .openapi(
    route.get('/{id}/signatures.csv', {
      operationId: 'getCampaignSignaturesCsv',
      summary: 'Evidence: every signature with the exact version, its SHA-256, when and from where (CSV)',
      request: { params: IdParams },
      responses: {
        200: {
          description: 'CSV, UTF-8 with BOM (opens cleanly in Excel)',
          content: { 'text/csv': { schema: z.string() } },
        },
        ...standardErrors('notFound'),
      },
    }),
    async (c) => {
      const csv = await signaturesCsv(serviceContext(c), c.req.valid('param').id);
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="signatures-${c.req.valid('param').id}.csv"`,
      }) as never;
    },
  )
  .openapi(
    route.get('/{id}/recipients/{recipientId}/copy.pdf', {
      operationId: 'getRecipientCopyPdf',
      summary:
        'Evidence: one person’s signed copy (the exact text, its SHA-256, what they ticked, when) as a PDF',
      request: { params: RecipientParams },
      responses: {
        200: pdf('The signed copy, A4'),
        ...standardErrors('notFound'),
        409: plainError('They have not signed yet (NOT_SIGNED)'),
      },
    }),
    async (c) => {
      const { id, recipientId } = c.req.valid('param');
      const file = await recipientSignedCopy(serviceContext(c), { campaignId: id, recipientId });
      return c.body(file.bytes, 200, pdfHeaders(file.fileName)) as never;
    },
  )
  .openapi(
    route.get('/{id}/schools/{schoolId}/evidence.pdf', {
      operationId: 'getSchoolEvidencePdf',
      summary:
        'Evidence pack for one school, for an inspection: the exact text of each version signed with its SHA-256, every signature, and who has not signed (PDF). Recorded in the audit log',
      request: { params: SchoolParams },
      responses: {
        200: pdf('The evidence pack, A4'),
        ...standardErrors('notFound', 'conflict'),
      },
    }),
    async (c) => {
      const { id, schoolId } = c.req.valid('param');
      const file = await schoolEvidencePack(serviceContext(c), { campaignId: id, schoolId });
      return c.body(file.bytes, 200, pdfHeaders(file.fileName)) as never;
    },
  )
  .openapi(
    route.post('/{id}/remind', {
      operationId: 'remindCampaign',
      summary:
        'Chase: remind everyone who has not signed, at one school or all, at most once a day per school',
      request: {
        params: IdParams,
        body: {
          content: { 'application/json': { schema: z.object({ schoolId: z.uuid().optional() }).strict() } },
          required: false,
        },
      },
      responses: {
        202: json(
          z.object({
            reminded: z.number().int(),
            schools: z.array(z.string()),
            skippedSchools: z.array(z.string()),
          }),
          'Reminders queued',
        ),
        ...standardErrors('badInput', 'notFound', 'conflict'),
      },
    }),
    async (c) => {
      const body = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
      return c.json(
        await remindOutstanding(serviceContext(c), {
          campaignId: c.req.valid('param').id,
          schoolId: body?.schoolId,
        }),
        202,
      );
    },
  )
  .openapi(
    route.get('/{id}/preview', {
      operationId: 'previewCampaignEmail',
      summary:
        'The signing email exactly as one person gets it (their name, school and version), with a placeholder link',
      request: { params: IdParams, query: z.object({ personId: z.uuid().optional() }) },
      responses: {
        200: json(
          z.object({
            person: z.object({ id: z.uuid(), name: z.string(), email: z.string(), schoolName: z.string() }),
            published: z.boolean(),
            from: z.string(),
            to: z.string(),
            subject: z.string(),
            text: z.string(),
            html: z.string(),
            candidates: z.array(z.object({ personId: z.uuid(), name: z.string(), schoolName: z.string() })),
          }),
          'The email as that person gets it, and others to preview as',
        ),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) =>
      c.json(
        await previewCampaignEmail(serviceContext(c), {
          campaignId: c.req.valid('param').id,
          personId: c.req.valid('query').personId,
        }),
        200,
      ),
  )
  .openapi(
    route.get('/{id}/questions', {
      operationId: 'listCampaignQuestions',
      summary: 'Questions signers sent their school from the signing page (newest first)',
      request: { params: IdParams, query: z.object({ schoolId: z.uuid().optional() }) },
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                id: z.uuid(),
                question: z.string(),
                askedAt: z.string(),
                schoolId: z.uuid(),
                schoolName: z.string(),
                personName: z.string(),
                email: z.string(),
                status: z.string(),
              }),
            ),
          }),
          'Questions',
        ),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) =>
      c.json(
        await listQuestions(serviceContext(c), {
          campaignId: c.req.valid('param').id,
          schoolId: c.req.valid('query').schoolId,
        }),
        200,
      ),
  );
