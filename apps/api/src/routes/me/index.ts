import { z } from '@hono/zod-openapi';
import { createRouter } from '../../lib/router.ts';
import { bearerRoutes, json, standardErrors } from '../shared-schemas.ts';

const MeSchema = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
    trust: z.object({ id: z.string(), name: z.string() }),
    roles: z.array(
      z.object({ role: z.enum(['trust_admin', 'head', 'school_admin']), schoolId: z.string().nullable() }),
    ),
    isTrustAdmin: z.boolean(),
    schoolIds: z.array(z.string()),
  })
  .openapi('Me');

export const meRouter = createRouter().openapi(
  bearerRoutes('Me').get('/', {
    operationId: 'getMe',
    summary: 'Who I am: my trust and my roles',
    responses: { 200: json(MeSchema, 'The signed-in user'), ...standardErrors() },
  }),
  (c) => {
    const a = c.var.actor;
    return c.json(
      {
        user: { id: a.userId, email: a.email, name: a.name },
        trust: { id: a.trustId, name: a.trustName },
        roles: a.roles,
        isTrustAdmin: a.isTrustAdmin,
        schoolIds: a.isTrustAdmin ? [] : a.schoolIds,
      },
      200,
    );
  },
);
