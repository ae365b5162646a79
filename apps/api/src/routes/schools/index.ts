import { z } from '@hono/zod-openapi';
import { DomainError } from '../../lib/errors.ts';
import { createRouter, serviceContext } from '../../lib/router.ts';
import { requireTrustAdmin } from '../../middleware/auth.ts';
import { importStaffList } from '../../services/people/import-staff-list.ts';
import { createSchool } from '../../services/schools/create-school.ts';
import { getSchool } from '../../services/schools/get-school.ts';
import { listSchools } from '../../services/schools/list-schools.ts';
import type { School } from '../../services/schools/present.ts';
import { updateSchool } from '../../services/schools/update-school.ts';
import {
  bearerRoutes,
  IdParams,
  json,
  jsonBody,
  listOf,
  plainError,
  standardErrors,
} from '../shared-schemas.ts';
import { ImportReportSchema, SchoolInputSchema, SchoolPatchSchema, SchoolSchema } from './schemas.ts';

const route = bearerRoutes('Schools');
// The phase column is an enum in the database; the presenter returns it as a string.
const asSchool = (s: School) => s as z.infer<typeof SchoolSchema>;

export const schoolsRouter = createRouter()
  .openapi(
    route.get('/', {
      operationId: 'listSchools',
      summary: "List the trust's schools (a head sees their own)",
      responses: { 200: listOf(SchoolSchema, 'Schools, by name'), ...standardErrors() },
    }),
    async (c) => c.json({ data: (await listSchools(serviceContext(c))).map(asSchool) }, 200),
  )
  .openapi(
    route.get('/{id}', {
      operationId: 'getSchool',
      summary: 'One school with its variables and head counts',
      request: { params: IdParams },
      responses: { 200: json(SchoolSchema, 'The school'), ...standardErrors('notFound') },
    }),
    async (c) => c.json(asSchool(await getSchool(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    route.post('/', {
      operationId: 'createSchool',
      middleware: [requireTrustAdmin] as const,
      summary: 'Add a school (trust admins)',
      request: { body: jsonBody(SchoolInputSchema) },
      responses: { 201: json(SchoolSchema, 'The new school'), ...standardErrors('badInput', 'conflict') },
    }),
    async (c) => c.json(asSchool(await createSchool(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    route.patch('/{id}', {
      operationId: 'updateSchool',
      summary: "Change a school's details or variables (trust admins, or the school's head)",
      request: { params: IdParams, body: jsonBody(SchoolPatchSchema) },
      responses: {
        200: json(SchoolSchema, 'The school as changed'),
        ...standardErrors('badInput', 'notFound', 'conflict'),
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
    route.post('/{id}/people/import', {
      operationId: 'importSchoolPeople',
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
        ...standardErrors('badInput', 'notFound'),
        413: plainError('Too large'),
        415: plainError('Not CSV'),
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
