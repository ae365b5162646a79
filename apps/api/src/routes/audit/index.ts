import { z } from '@hono/zod-openapi';
import { createRouter, serviceContext } from '../../lib/router.ts';
import { requireTrustAdmin } from '../../middleware/auth.ts';
import { listAudit } from '../../services/audit/list-audit.ts';
import { bearerRoutes, listQuery, pageOf, standardErrors } from '../shared-schemas.ts';

const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.string(),
    actor: z.object({ id: z.string().nullable(), name: z.string(), email: z.string().nullable() }),
    action: z.string().openapi({ example: 'person.updated' }),
    entityType: z.string(),
    entityId: z.string().nullable(),
    summary: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditEntry');

export const auditRouter = createRouter().openapi(
  bearerRoutes('Audit').get('/', {
    operationId: 'listAuditEntries',
    middleware: [requireTrustAdmin] as const,
    summary: 'Who changed what, newest first (trust admins)',
    request: {
      query: listQuery({ entityType: z.string().max(50).optional(), actorId: z.uuid().optional() }),
    },
    responses: {
      200: pageOf(AuditEntrySchema, 'A page of entries'),
      ...standardErrors('badInput'),
    },
  }),
  async (c) => c.json(await listAudit(serviceContext(c), c.req.valid('query')), 200),
);
