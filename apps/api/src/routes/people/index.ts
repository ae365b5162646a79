import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, serviceContext } from '../../lib/router.ts';
import { createPerson } from '../../services/people/create-person.ts';
import { getPerson } from '../../services/people/get-person.ts';
import { listPeople } from '../../services/people/list-people.ts';
import type { Person } from '../../services/people/present.ts';
import { setMembershipLeft } from '../../services/people/set-membership-left.ts';
import { updatePerson } from '../../services/people/update-person.ts';
import {
  authErrors,
  badInput,
  conflict,
  IdParams,
  json,
  jsonBody,
  notFoundError,
} from '../shared-schemas.ts';
import {
  ListPeopleQuery,
  MembershipChangeSchema,
  PersonInputSchema,
  PersonPatchSchema,
  PersonSchema,
} from './schemas.ts';

const tags = ['People'];
const security = [{ bearer: [] }];
// Typed, not cast: the service's answer must already be what the response schema documents.
const asPerson = (p: Person): z.infer<typeof PersonSchema> => p;

export const peopleRouter = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listPeople',
      tags,
      security,
      summary: 'The directory: search and filter by school, role and status',
      request: { query: ListPeopleQuery },
      responses: {
        200: json(
          z.object({ data: z.array(PersonSchema), nextCursor: z.string().nullable() }),
          'A page of people, by name',
        ),
        ...authErrors,
        ...badInput,
      },
    }),
    async (c) => {
      const page = await listPeople(serviceContext(c), c.req.valid('query'));
      return c.json({ data: page.data.map(asPerson), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getPerson',
      tags,
      security,
      summary: 'One person with their school memberships',
      request: { params: IdParams },
      responses: { 200: json(PersonSchema, 'The person'), ...authErrors, ...notFoundError },
    }),
    async (c) => c.json(asPerson(await getPerson(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createPerson',
      tags,
      security,
      summary: 'Add a person to a school',
      request: { body: jsonBody(PersonInputSchema) },
      responses: {
        201: json(PersonSchema, 'The new person'),
        ...authErrors,
        ...badInput,
        ...notFoundError,
        ...conflict,
      },
    }),
    async (c) => c.json(asPerson(await createPerson(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'updatePerson',
      tags,
      security,
      summary: "Change a person's name, email or job title",
      request: { params: IdParams, body: jsonBody(PersonPatchSchema) },
      responses: {
        200: json(PersonSchema, 'The person as changed'),
        ...authErrors,
        ...badInput,
        ...notFoundError,
        ...conflict,
      },
    }),
    async (c) =>
      c.json(
        asPerson(
          await updatePerson(serviceContext(c), { id: c.req.valid('param').id, ...c.req.valid('json') }),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/leave',
      operationId: 'markPersonLeft',
      tags,
      security,
      summary: 'Mark a person as having left a school (what they signed stays on record)',
      request: { params: IdParams, body: jsonBody(MembershipChangeSchema) },
      responses: {
        200: json(PersonSchema, 'The person'),
        ...authErrors,
        ...badInput,
        ...notFoundError,
        ...conflict,
      },
    }),
    async (c) =>
      c.json(
        asPerson(
          await setMembershipLeft(serviceContext(c), {
            id: c.req.valid('param').id,
            schoolId: c.req.valid('json').schoolId,
            left: true,
          }),
        ),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/rejoin',
      operationId: 'markPersonRejoined',
      tags,
      security,
      summary: 'Undo "left" for a person at a school',
      request: { params: IdParams, body: jsonBody(MembershipChangeSchema) },
      responses: {
        200: json(PersonSchema, 'The person'),
        ...authErrors,
        ...badInput,
        ...notFoundError,
        ...conflict,
      },
    }),
    async (c) =>
      c.json(
        asPerson(
          await setMembershipLeft(serviceContext(c), {
            id: c.req.valid('param').id,
            schoolId: c.req.valid('json').schoolId,
            left: false,
          }),
        ),
        200,
      ),
  );
