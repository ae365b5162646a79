import { clauseCategories } from '@attest/db/schema/library';
import { z } from '@hono/zod-openapi';
import { createRouter, serviceContext } from '../../lib/router.ts';
import { requireTrustAdmin } from '../../middleware/auth.ts';
import { addClauseVersion } from '../../services/clauses/add-clause-version.ts';
import type { Clause } from '../../services/clauses/clause-rows.ts';
import { createClause } from '../../services/clauses/create-clause.ts';
import { getClause } from '../../services/clauses/get-clause.ts';
import { listClauses } from '../../services/clauses/list-clauses.ts';
import { previewClause } from '../../services/clauses/preview-clause.ts';
import {
  bearerRoutes,
  IdParams,
  json,
  jsonBody,
  listOf,
  searchText,
  standardErrors,
  text,
} from '../shared-schemas.ts';

const route = bearerRoutes('Clause library');

type ChildShape = { text: string; children: ChildShape[] };
// Nested rules, to three levels (real policies use two: "-" then "o"). Spelled out rather than
// recursive (z.lazy), which the OpenAPI generator cannot document.
const childSchema = (depth: number): z.ZodType<ChildShape> =>
  z.object({
    text: text(4000),
    children:
      depth > 1
        ? z
            .array(childSchema(depth - 1))
            .max(50)
            .default([])
        : z
            .array(z.object({}))
            .max(0, 'nest rules at most three deep')
            .transform((): ChildShape[] => [])
            .default([]),
  });
const ClauseChildSchema = childSchema(3);

const WordingSchema = z.object({
  versionId: z.uuid(),
  version: z.number().int(),
  text: z.string(),
  children: z.array(z.any()),
});

const ClauseSchema = z
  .object({
    id: z.uuid(),
    category: z.enum(clauseCategories),
    title: z.string(),
    schoolId: z.uuid().nullable().openapi({ description: 'Set for a clause only that school has' }),
    schoolName: z.string().nullable(),
    archived: z.boolean(),
    current: WordingSchema.nullable(),
    variants: z.array(WordingSchema.extend({ schoolId: z.uuid(), schoolName: z.string() })),
    usedBy: z.array(z.object({ schoolId: z.uuid().nullable(), policyId: z.uuid(), policyTitle: z.string() })),
    history: z.array(z.any()).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Clause');

const ClauseInputSchema = z
  .object({
    category: z.enum(clauseCategories),
    title: text(200),
    text: text(4000).openapi({
      example: 'I will not disclose any passwords provided to me by {{school.name}}.',
    }),
    children: z.array(ClauseChildSchema).max(50).optional(),
    schoolId: z.uuid().nullable().optional(),
  })
  .strict()
  .openapi('ClauseInput');

const ClauseVersionInputSchema = z
  .object({
    text: text(4000)
      .nullable()
      .openapi({ description: 'Null with a schoolId puts that school back on the trust wording' }),
    children: z.array(ClauseChildSchema).max(50).optional(),
    schoolId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'A school variant; omit for the trust wording' }),
    title: text(200).optional(),
    category: z.enum(clauseCategories).optional(),
  })
  .strict()
  .openapi('ClauseVersionInput');

// Typed, not cast: the service's answer must already be what the response schema documents.
const asClause = (c: Clause): z.infer<typeof ClauseSchema> => c;

export const clausesRouter = createRouter()
  .openapi(
    route.get('/', {
      operationId: 'listClauses',
      summary: 'The clause library, by category, with school variants and which policies use each clause',
      request: {
        query: z.object({
          category: z.enum(clauseCategories).optional(),
          q: searchText,
          includeArchived: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: {
        200: listOf(ClauseSchema, 'Clauses'),
        ...standardErrors('badInput'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const data = await listClauses(serviceContext(c), {
        ...q,
        includeArchived: q.includeArchived === 'true',
      });
      return c.json({ data: data.map(asClause) }, 200);
    },
  )
  .openapi(
    route.get('/{id}', {
      operationId: 'getClause',
      summary: 'One clause with its wording history',
      request: { params: IdParams },
      responses: { 200: json(ClauseSchema, 'The clause'), ...standardErrors('notFound') },
    }),
    async (c) => c.json(asClause(await getClause(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    route.post('/', {
      operationId: 'createClause',
      middleware: [requireTrustAdmin] as const,
      summary: 'Add a clause (refused if it names an unknown variable)',
      request: { body: jsonBody(ClauseInputSchema) },
      responses: { 201: json(ClauseSchema, 'The new clause'), ...standardErrors('badInput', 'notFound') },
    }),
    async (c) => c.json(asClause(await createClause(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    route.post('/{id}/versions', {
      operationId: 'createClauseVersion',
      middleware: [requireTrustAdmin] as const,
      summary: "Save a new wording: the trust's, or one school's variant",
      request: { params: IdParams, body: jsonBody(ClauseVersionInputSchema) },
      responses: {
        201: json(ClauseSchema, 'The clause with its new wording'),
        ...standardErrors('badInput', 'notFound', 'conflict'),
      },
    }),
    async (c) =>
      c.json(
        asClause(
          await addClauseVersion(serviceContext(c), {
            clauseId: c.req.valid('param').id,
            ...c.req.valid('json'),
          }),
        ),
        201,
      ),
  )
  .openapi(
    route.post('/{id}/preview', {
      operationId: 'previewClause',
      summary: 'How the clause (or a draft wording) reads at each school',
      request: { params: IdParams, body: jsonBody(z.object({ text: text(4000).optional() }).strict()) },
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                schoolId: z.uuid(),
                schoolName: z.string(),
                isVariant: z.boolean(),
                text: z.string(),
              }),
            ),
          }),
          'Rendered per school',
        ),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) =>
      c.json(
        {
          data: await previewClause(serviceContext(c), {
            clauseId: c.req.valid('param').id,
            text: c.req.valid('json').text,
          }),
        },
        200,
      ),
  );
