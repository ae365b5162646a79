import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../lib/router.ts';
import { json } from './shared-schemas.ts';

export const healthRouter = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    // Uptime checks and load balancers call it without a session.
    security: [],
    tags: ['Health'],
    summary: 'Liveness check (no database)',
    responses: { 200: json(z.object({ ok: z.literal(true) }), 'The Worker is up') },
  }),
  (c) => c.json({ ok: true as const }, 200),
);
