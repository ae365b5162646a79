import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../lib/errors.ts';
import { createRouter, serviceContext } from '../../lib/router.ts';
import { requireTrustAdmin } from '../../middleware/auth.ts';
import { importStaffList } from '../../services/people/import-staff-list.ts';
import { createSchool } from '../../services/schools/create-school.ts';
import { getSchool } from '../../services/schools/get-school.ts';
import { listSchools } from '../../services/schools/list-schools.ts';
import type { School } from '../../services/schools/present.ts';
import { updateSchool } from '../../services/schools/update-school.ts';
import { authErrors, badInput, conflict, IdParams, json, notFoundError } from '../shared-schemas.ts';
import { ImportReportSchema, SchoolInputSchema, SchoolPatchSchema, SchoolSchema } from './schemas.ts';

const tags = ['Schools'];
const security = [{ bearer: [] }];
// The phase column is an enum in the database; the presenter returns it as a string.
const asSchool = (s: School) => s as z.infer<typeof SchoolSchema>;

export const schoolsRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listSchools',
      tags,
      security,
      summary: "List the trust's schools (a head sees their own)",
      responses: { 200: json(z.object({ data: z.array(SchoolSchema) }), 'Schools, by name'), ...authErrors },
    }),
    async (c) => c.json({ data: (await listSchools(serviceContext(c))).map(asSchool) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getSchool',
      tags,
      security,
      summary: 'One school with its variables and head counts',
      request: { params: IdParams },
      responses: { 200: json(SchoolSchema, 'The school'), ...authErrors, ...notFoundError },
    }),
    async (c) => c.json(asSchool(await getSchool(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createSchool',
      tags,
      security,
      middleware: [requireTrustAdmin] as const,
      summary: 'Add a school (trust admins)',
      request: { body: { content: { 'application/json': { schema: SchoolInputSchema } }, required: true } },
      responses: { 201: json(SchoolSchema, 'The new school'), ...authErrors, ...badInput, ...conflict },
    }),
    async (c) => c.json(asSchool(await createSchool(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'updateSchool',
      tags,
      security,
      summary: "Change a school's details or variables (trust admins, or the school's head)",
      request: {
        params: IdParams,
        body: { content: { 'application/json': { schema: SchoolPatchSchema } }, required: true },
      },
      responses: {
        200: json(SchoolSchema, 'The school as changed'),
        ...authErrors,
        ...notFoundError,
        ...badInput,
        ...conflict,
      },
    }),
    async (c) =>
      c.json(
        asSchool(
          await updateSchool(serviceContext(c), { id: c.req.valid('param').id, ...c.req.valid('json') }),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/people/import',
      operationId: 'importSchoolPeople',
      tags,
      security,
      summary: 'Import a staff list (CSV: name, email, job title, role; header names matched loosely)',
      description:
        'Answers a per-row report. Rows already up to date are left alone, so importing the same file twice changes nothing. With `?missing=leave` the file is the whole staff list: people at the school it does not list are marked as left (and withdrawn from open campaigns they have not signed).',
      request: {
        params: IdParams,
        query: z.object({
          missing: z
            .enum(['keep', 'leave'])
            .default('keep')
            .openapi({ description: 'What happens to people at the school the file does not list' }),
        }),
        body: {
          content: {
            'text/csv': {
              schema: z.string().openapi({
                example: 'name,email,job title,role\nJo Bloggs,j.bloggs@example.org,Teacher,staff',
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(ImportReportSchema, 'What was added, updated, left unchanged and rejected, and why'),
        ...authErrors,
        ...notFoundError,
        ...badInput,
        413: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Too large'),
        415: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Not CSV'),
      },
    }),
    async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!/^(text\/csv|text\/plain|application\/csv)\b/i.test(type)) {
        throw new DomainError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Send the staff list as CSV (Content-Type: text/csv).',
        );
      }
      const report = await importStaffList(serviceContext(c), {
        schoolId: c.req.valid('param').id,
        csv: await c.req.text(),
        missing: c.req.valid('query').missing,
      });
      return c.json(report, 200);
    },
  );
