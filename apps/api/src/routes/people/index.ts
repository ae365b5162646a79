import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../lib/context.ts';
import { createRouter, serviceContext } from '../../lib/router.ts';
import { createPerson } from '../../services/people/create-person.ts';
import { getPerson } from '../../services/people/get-person.ts';
import { listPeople } from '../../services/people/list-people.ts';
import type { Person } from '../../services/people/present.ts';
import { setMembershipLeft } from '../../services/people/set-membership-left.ts';
import { updatePerson } from '../../services/people/update-person.ts';
import { bearerRoutes, IdParams, json, jsonBody, pageOf, standardErrors } from '../shared-schemas.ts';
import {
  ListPeopleQuery,
  MembershipChangeSchema,
  PersonInputSchema,
  PersonPatchSchema,
  PersonSchema,
} from './schemas.ts';

const route = bearerRoutes('People');
// Typed, not cast: the service's answer must already be what the response schema documents.
const asPerson = (p: Person): z.infer<typeof PersonSchema> => p;

// Leaving a school and coming back: the same request and answer, and one handler for both.
const membershipChange = {
  request: { params: IdParams, body: jsonBody(MembershipChangeSchema) },
  responses: { 200: json(PersonSchema, 'The person'), ...standardErrors('badInput', 'notFound', 'conflict') },
};
const setLeft = async (c: Context<AppEnv>, id: string, schoolId: string, left: boolean) =>
  asPerson(await setMembershipLeft(serviceContext(c), { id, schoolId, left }));

export const peopleRouter = createRouter()
  .openapi(
    route.get('/', {
      operationId: 'listPeople',
      summary: 'The directory: search and filter by school, role and status',
      request: { query: ListPeopleQuery },
      responses: {
        200: pageOf(PersonSchema, 'A page of people, by name'),
        ...standardErrors('badInput'),
      },
    }),
    async (c) => {
      const page = await listPeople(serviceContext(c), c.req.valid('query'));
      return c.json({ data: page.data.map(asPerson), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    route.get('/{id}', {
      operationId: 'getPerson',
      summary: 'One person with their school memberships',
      request: { params: IdParams },
      responses: { 200: json(PersonSchema, 'The person'), ...standardErrors('notFound') },
    }),
    async (c) => c.json(asPerson(await getPerson(serviceContext(c), c.req.valid('param').id)), 200),
  )
  .openapi(
    route.post('/', {
      operationId: 'createPerson',
      summary: 'Add a person to a school',
      request: { body: jsonBody(PersonInputSchema) },
      responses: {
        201: json(PersonSchema, 'The new person'),
        ...standardErrors('badInput', 'notFound', 'conflict'),
      },
    }),
    async (c) => c.json(asPerson(await createPerson(serviceContext(c), c.req.valid('json'))), 201),
  )
  .openapi(
    route.patch('/{id}', {
      operationId: 'updatePerson',
      summary: "Change a person's name, email or job title",
      request: { params: IdParams, body: jsonBody(PersonPatchSchema) },
      responses: {
        200: json(PersonSchema, 'The person as changed'),
        ...standardErrors('badInput', 'notFound', 'conflict'),
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
    route.post('/{id}/leave', {
      operationId: 'markPersonLeft',
      summary: 'Mark a person as having left a school (what they signed stays on record)',
      ...membershipChange,
    }),
    async (c) => c.json(await setLeft(c, c.req.valid('param').id, c.req.valid('json').schoolId, true), 200),
  )
  .openapi(
    route.post('/{id}/rejoin', {
      operationId: 'markPersonRejoined',
      summary: 'Undo "left" for a person at a school',
      ...membershipChange,
    }),
    async (c) => c.json(await setLeft(c, c.req.valid('param').id, c.req.valid('json').schoolId, false), 200),
  );
