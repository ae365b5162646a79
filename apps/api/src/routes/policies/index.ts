import { membershipRoles } from '@attest/core';
import { z } from '@hono/zod-openapi';
import { createRouter, serviceContext } from '../../lib/router.ts';
import { requireTrustAdmin } from '../../middleware/auth.ts';
import { createPolicy } from '../../services/policies/create-policy.ts';
import { diffVersion } from '../../services/policies/diff-version.ts';
import { getPolicy } from '../../services/policies/get-policy.ts';
import { getVersion } from '../../services/policies/get-version.ts';
import { listPolicies } from '../../services/policies/list-policies.ts';
import { listVersions } from '../../services/policies/list-versions.ts';
import type { Policy } from '../../services/policies/policy-rows.ts';
import { previewPolicy } from '../../services/policies/preview-policy.ts';
import { publishPolicy } from '../../services/policies/publish-policy.ts';
import { updatePolicy } from '../../services/policies/update-policy.ts';
import { bearerRoutes, IdParams, json, jsonBody, listOf, standardErrors, text } from '../shared-schemas.ts';

const route = bearerRoutes('Policies');

const SectionSchema = z.object({ heading: text(200).nullable(), clauseIds: z.array(z.uuid()).max(200) });

// The fields without defaults, so a PATCH that names only the title changes only the title
// (zod applies defaults even to optional keys, which would silently reset the rest).
const policyFields = {
  title: text(200).openapi({ example: 'Staff Acceptable Use Agreement' }),
  schoolId: z
    .uuid()
    .nullable()
    .optional()
    .openapi({ description: "Set for one school's own policy; omit for the trust's" }),
  audiences: z.array(z.enum(membershipRoles)).min(1).max(4),
  intro: z.array(text(4000)).max(20),
  sections: z.array(SectionSchema).max(50),
  statements: z.array(text(1000)).max(20),
  fields: z.array(z.enum(['signature', 'date', 'fullName', 'jobTitle'])).max(10),
  reviewCycleMonths: z.number().int().min(1).max(60),
  ownerUserId: z.uuid().nullable().optional(),
};

const PolicyInputSchema = z
  .object({
    ...policyFields,
    intro: policyFields.intro.default([]),
    statements: policyFields.statements.default([]),
    fields: policyFields.fields.default(['signature', 'date', 'fullName', 'jobTitle']),
    reviewCycleMonths: policyFields.reviewCycleMonths.default(12),
  })
  .strict()
  .openapi('PolicyInput');

const { schoolId: _schoolIsFixed, ...patchable } = policyFields;
const PolicyPatchSchema = z.object(patchable).partial().strict().openapi('PolicyPatch');

const VersionSummarySchema = z.object({
  id: z.uuid(),
  schoolId: z.uuid(),
  version: z.number().int(),
  label: z.string(),
  sha256: z.string(),
  publishedAt: z.string(),
  nextReviewAt: z.string(),
});

const PolicySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    schoolId: z.uuid().nullable(),
    audiences: z.array(z.enum(membershipRoles)),
    intro: z.array(z.string()),
    sections: z.array(z.object({ heading: z.string().nullable(), clauseIds: z.array(z.string()) })),
    statements: z.array(z.string()),
    fields: z.array(z.string()),
    reviewCycleMonths: z.number().int(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable(),
    schools: z.array(
      z.object({
        schoolId: z.uuid(),
        schoolName: z.string(),
        current: VersionSummarySchema.nullable(),
        versionCount: z.number().int(),
        reviewDue: z.boolean(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Policy');

const RenderedSchema = z.object({
  title: z.string(),
  schoolName: z.string(),
  intro: z.array(z.string()),
  sections: z.array(z.object({ heading: z.string().nullable(), clauses: z.array(z.any()) })),
  statements: z.array(z.string()),
  fields: z.array(z.string()),
});

// Typed, not cast: the service's answer must already be what the response schema documents.
const asPolicy = (p: Policy): z.infer<typeof PolicySchema> => p;

export const policiesRouter = createRouter()
  .openapi(
    route.get('/', {
      operationId: 'listPolicies',
      summary: 'Composed policies, with the current version at each school and review dates',
      responses: { 200: listOf(PolicySchema, 'Policies'), ...standardErrors() },
    }),
    async (c) => c.json({ data: (await listPolicies(serviceContext(c))).map(asPolicy) }, 200),
  )
  .openapi(
    route.get('/{id}', {
      operationId: 'getPolicy',
      summary: 'One policy',
      request: { params: IdParams },
      responses: { 200: json(PolicySchema, 'The policy'), ...standardErrors('notFound') },
    }),
    async (c) => c.json(asPolicy(await getPolicy(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    route.post('/', {
      operationId: 'createPolicy',
      middleware: [requireTrustAdmin] as const,
      summary: 'Compose a policy from library clauses',
      request: { body: jsonBody(PolicyInputSchema) },
      responses: { 201: json(PolicySchema, 'The new policy'), ...standardErrors('badInput', 'notFound') },
    }),
    async (c) => c.json(asPolicy(await createPolicy(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    route.patch('/{id}', {
      operationId: 'updatePolicy',
      middleware: [requireTrustAdmin] as const,
      summary: 'Change a policy (published versions are not affected until the next publish)',
      request: { params: IdParams, body: jsonBody(PolicyPatchSchema) },
      responses: { 200: json(PolicySchema, 'The policy'), ...standardErrors('badInput', 'notFound') },
    }),
    async (c) =>
      c.json(
        asPolicy(
          await updatePolicy(serviceContext(c), { id: c.req.valid('param').id, ...c.req.valid('json') }),
        ),
        200,
      ),
  )
  .openapi(
    route.get('/{id}/preview', {
      operationId: 'previewPolicy',
      summary: 'The policy as one school would see it, with the hash publishing would record',
      request: { params: IdParams, query: z.object({ schoolId: z.uuid() }) },
      responses: {
        200: json(
          z.object({ rendered: RenderedSchema, canonicalText: z.string(), sha256: z.string() }),
          'Rendered',
        ),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) =>
      c.json(
        await previewPolicy(serviceContext(c), {
          id: c.req.valid('param').id,
          schoolId: c.req.valid('query').schoolId,
        }),
        200,
      ),
  )
  .openapi(
    route.post('/{id}/publish', {
      operationId: 'publishPolicy',
      middleware: [requireTrustAdmin] as const,
      summary: 'Publish: each school gets an immutable version (unless its wording is unchanged)',
      request: {
        params: IdParams,
        body: jsonBody(
          z
            .object({ schoolIds: z.array(z.uuid()).min(1).max(500).optional(), label: text(100).optional() })
            .strict(),
        ),
      },
      responses: {
        200: json(
          z.object({
            results: z.array(
              z.object({
                schoolId: z.uuid(),
                schoolName: z.string(),
                status: z.enum(['published', 'unchanged']),
                version: z.number().int(),
                sha256: z.string(),
              }),
            ),
          }),
          'What happened at each school',
        ),
        ...standardErrors('badInput', 'notFound', 'conflict'),
      },
    }),
    async (c) =>
      c.json(
        await publishPolicy(serviceContext(c), { id: c.req.valid('param').id, ...c.req.valid('json') }),
        200,
      ),
  )
  .openapi(
    route.get('/{id}/versions', {
      operationId: 'listPolicyVersions',
      summary: 'Published versions, newest first, per school',
      request: { params: IdParams, query: z.object({ schoolId: z.uuid().optional() }) },
      responses: {
        200: json(
          z.object({
            data: z.array(
              VersionSummarySchema.extend({ schoolName: z.string(), publishedBy: z.string().nullable() }),
            ),
          }),
          'Versions',
        ),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) =>
      c.json(
        {
          data: await listVersions(serviceContext(c), {
            policyId: c.req.valid('param').id,
            schoolId: c.req.valid('query').schoolId,
          }),
        },
        200,
      ),
  );

export const policyVersionsRouter = createRouter()
  .openapi(
    route.get('/{id}', {
      operationId: 'getPolicyVersion',
      summary: 'One published version: the exact text, its SHA-256, its rendered clauses',
      request: { params: IdParams },
      responses: {
        200: json(
          z.object({
            id: z.uuid(),
            policyId: z.uuid(),
            schoolId: z.uuid(),
            schoolName: z.string(),
            version: z.number().int(),
            label: z.string(),
            content: RenderedSchema,
            canonicalText: z.string(),
            sha256: z.string(),
            publishedAt: z.string(),
            nextReviewAt: z.string(),
          }),
          'The version',
        ),
        ...standardErrors('notFound'),
      },
    }),
    async (c) => c.json(await getVersion(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route.get('/{id}/diff', {
      operationId: 'getPolicyVersionDiff',
      summary: 'What changed, clause by clause, against another version (default: the previous one)',
      request: { params: IdParams, query: z.object({ against: z.uuid().optional() }) },
      responses: {
        200: json(
          z.object({
            from: z.object({ id: z.string(), version: z.number(), label: z.string() }).nullable(),
            to: z.object({ id: z.string(), version: z.number(), label: z.string() }),
            changes: z.array(
              z.object({
                kind: z.enum(['added', 'removed', 'reworded']),
                clauseId: z.string(),
                before: z.string().optional(),
                after: z.string().optional(),
              }),
            ),
            unchanged: z.number().int(),
            statementsChanged: z.boolean(),
          }),
          'Clause-level changes',
        ),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) =>
      c.json(
        await diffVersion(serviceContext(c), {
          versionId: c.req.valid('param').id,
          againstId: c.req.valid('query').against,
        }),
        200,
      ),
  );
