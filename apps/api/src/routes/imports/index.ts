import { clauseCategories } from '@attest/db/schema/library';
import { z } from '@hono/zod-openapi';
import { DomainError } from '../../lib/errors.ts';
import { createRouter, serviceContext } from '../../lib/router.ts';
import { requireTrustAdmin } from '../../middleware/auth.ts';
import { acceptImports } from '../../services/imports/accept-imports.ts';
import { createImport } from '../../services/imports/create-import.ts';
import { extractPolicyText } from '../../services/imports/extract-text.ts';
import { getImport } from '../../services/imports/get-import.ts';
import { listImports } from '../../services/imports/list-imports.ts';
import { reviewImports } from '../../services/imports/review-imports.ts';
import {
  bearerRoutes,
  IdParams,
  json,
  jsonBody,
  plainError,
  standardErrors,
  text,
} from '../shared-schemas.ts';

const route = bearerRoutes('Imports');

const ParsedClauseSchema = z.object({ text: z.string(), children: z.array(z.any()) });
const ParsedSchema = z
  .object({
    title: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    intro: z.array(z.string()),
    sections: z.array(z.object({ heading: z.string().nullable(), clauses: z.array(ParsedClauseSchema) })),
    signature: z.object({ statements: z.array(z.string()), fields: z.array(z.string()) }),
  })
  .openapi('ParsedPolicy');

const ImportSchema = z
  .object({
    id: z.uuid(),
    schoolId: z.uuid().nullable(),
    schoolName: z.string().nullable(),
    filename: z.string(),
    parsed: ParsedSchema,
    createdAt: z.string(),
  })
  .openapi('PolicyImport');

const MemberSchema = z.object({
  importId: z.uuid(),
  schoolId: z.uuid().nullable(),
  schoolName: z.string().nullable(),
  section: z.number().int(),
  index: z.number().int(),
  text: z.string(),
  children: z.array(z.any()),
});

const PastedPolicySchema = z
  // The text is kept exactly as sent (no trimming): a trailing tab can be what marks a signature table.
  .object({
    text: z
      .string()
      .max(2_000_000)
      .refine((t) => t.trim().length > 0, 'must not be blank'),
    filename: text(200).default('pasted text'),
    schoolId: z.uuid().nullable().optional(),
  })
  .strict();

// Nested rules are recursive JSON; the schema documents them loosely, so answers are cast to it.
const asImport = (i: unknown) => i as z.infer<typeof ImportSchema>;

const ImportIds = z.array(z.uuid()).min(1).max(100);
const category = z.enum(clauseCategories);

export const importsRouter = createRouter()
  .openapi(
    route.post('/', {
      operationId: 'createImport',
      middleware: [requireTrustAdmin] as const,
      summary: "Read a school's existing policy (.docx, .txt or .md upload, or pasted text) into its parts",
      request: {
        // Documented here, validated in the handler: the two content types would otherwise each be
        // checked against the other's schema.
        body: {
          content: {
            'multipart/form-data': {
              schema: z.object({
                file: z.any().optional().openapi({ type: 'string', format: 'binary' }),
                schoolId: z.string().optional(),
              }),
            },
            'application/json': {
              schema: z
                .object({})
                .passthrough()
                .openapi({ description: 'PastedPolicy: { text, filename?, schoolId? }' }),
            },
          },
          required: true,
        },
      },
      responses: {
        201: json(ImportSchema, 'The import with its parse'),
        ...standardErrors('badInput', 'notFound'),
        413: plainError('Larger than 2 MB'),
        415: plainError('Not a .docx, .txt or .md file'),
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      const ctx = serviceContext(c);
      if (type.startsWith('multipart/form-data')) {
        let form: FormData;
        try {
          form = await c.req.formData();
        } catch {
          throw new DomainError('BAD_REQUEST', 'The upload could not be read. Choose the file again.');
        }
        const file = form.get('file');
        if (!(file instanceof File)) {
          throw new DomainError('VALIDATION_FAILED', 'file: choose a policy file to upload.', [
            { path: 'file', message: 'is missing' },
          ]);
        }
        const schoolId = form.get('schoolId');
        if (schoolId !== null && (typeof schoolId !== 'string' || !z.uuid().safeParse(schoolId).success)) {
          throw new DomainError('VALIDATION_FAILED', 'schoolId: is not a school id.', [
            { path: 'schoolId', message: 'is not a school id' },
          ]);
        }
        const textContent = await extractPolicyText({
          name: file.name,
          type: file.type,
          bytes: await file.arrayBuffer(),
        });
        const created = await createImport(ctx, {
          filename: file.name,
          mediaType: file.type || 'application/octet-stream',
          text: textContent,
          schoolId: (schoolId as string | null) || null,
        });
        return c.json(asImport(created), 201);
      }
      if (!type.startsWith('application/json')) {
        throw new DomainError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Upload the policy as a file (multipart/form-data) or send { "text" } as JSON.',
        );
      }
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw new DomainError('BAD_REQUEST', 'Malformed JSON in request body');
      }
      const parsed = PastedPolicySchema.safeParse(raw);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        throw new DomainError('VALIDATION_FAILED', `${details[0]!.path}: ${details[0]!.message}`, details);
      }
      const input = parsed.data;
      return c.json(asImport(await createImport(ctx, { ...input, mediaType: 'text/plain' })), 201);
    },
  )
  .openapi(
    route.get('/', {
      operationId: 'listImports',
      middleware: [requireTrustAdmin] as const,
      summary: 'Imports so far, newest first',
      responses: {
        200: json(
          z.object({
            data: z.array(
              z.object({
                id: z.uuid(),
                schoolId: z.uuid().nullable(),
                schoolName: z.string().nullable(),
                filename: z.string(),
                title: z.string().nullable(),
                clauseCount: z.number().int(),
                createdAt: z.string(),
              }),
            ),
          }),
          'Imports',
        ),
        ...standardErrors(),
      },
    }),
    async (c) => c.json({ data: await listImports(serviceContext(c)) }, 200),
  )
  .openapi(
    route.get('/{id}', {
      operationId: 'getImport',
      middleware: [requireTrustAdmin] as const,
      summary: 'One import with its parse',
      request: { params: IdParams },
      responses: { 200: json(ImportSchema, 'The import'), ...standardErrors('notFound') },
    }),
    async (c) => c.json(asImport(await getImport(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    route.post('/consolidate', {
      operationId: 'consolidateImports',
      middleware: [requireTrustAdmin] as const,
      summary:
        'Which clauses of these imports state the same duty, with a proposed trust-wide wording for each',
      request: { body: jsonBody(z.object({ importIds: ImportIds }).strict()) },
      responses: {
        200: json(
          z.object({
            groups: z.array(
              z.object({
                key: z.string(),
                proposal: z.string(),
                category,
                title: z.string(),
                members: z.array(MemberSchema),
              }),
            ),
            unique: z.array(MemberSchema.extend({ key: z.string(), category, title: z.string() })),
          }),
          'Groups and clauses only one school has',
        ),
        ...standardErrors('badInput', 'notFound'),
      },
    }),
    async (c) => {
      const { groups, unique } = await reviewImports(serviceContext(c), c.req.valid('json').importIds);
      return c.json({ groups, unique }, 200);
    },
  )
  .openapi(
    route.post('/accept', {
      operationId: 'acceptImports',
      middleware: [requireTrustAdmin] as const,
      summary: "Build the trust library and each school's policy from the reviewed imports",
      description: 'Groups without a decision are accepted with the proposed wording.',
      request: {
        body: jsonBody(
          z
            .object({
              importIds: ImportIds,
              groups: z
                .array(
                  z
                    .object({
                      key: z.string().max(100),
                      decision: z.enum(['accept', 'reject']),
                      text: text(4000).optional(),
                      title: text(200).optional(),
                      category: category.optional(),
                    })
                    .strict(),
                )
                .max(2000)
                .optional(),
              unique: z
                .array(
                  z
                    .object({
                      key: z.string().max(200),
                      title: text(200).optional(),
                      category: category.optional(),
                    })
                    .strict(),
                )
                .max(5000)
                .optional(),
            })
            .strict(),
        ),
      },
      responses: {
        200: json(
          z.object({
            clausesCreated: z.number().int(),
            trustClauses: z.number().int(),
            variantsCreated: z.number().int(),
            policies: z.array(
              z.object({ id: z.uuid(), schoolId: z.uuid(), schoolName: z.string(), title: z.string() }),
            ),
          }),
          'What was built',
        ),
        ...standardErrors('badInput', 'notFound', 'conflict'),
      },
    }),
    async (c) => c.json(await acceptImports(serviceContext(c), c.req.valid('json')), 200),
  );
