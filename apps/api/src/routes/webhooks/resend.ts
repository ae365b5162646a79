import { verifySvix } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { DomainError } from '../../lib/errors.ts';
import { createRouter } from '../../lib/router.ts';
import { applyResendEvent, type ResendEvent } from '../../services/webhooks/apply-resend-event.ts';
import { json } from '../shared-schemas.ts';

const errorShape = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const resendWebhookRouter = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/resend',
    operationId: 'receiveResendWebhook',
    // Resend holds no session: the Svix signature over the body is what is checked.
    security: [],
    tags: ['Webhooks'],
    summary:
      'Resend delivery events (delivered, bounced, complained, opened), verified by their Svix signature',
    responses: {
      200: json(
        z.object({ ok: z.literal(true), result: z.enum(['applied', 'ignored']) }),
        'Stored and applied (or not ours)',
      ),
      400: json(errorShape, 'Not JSON'),
      401: json(errorShape, 'Unsigned, wrongly signed or outside the time window'),
      409: json(errorShape, 'Already received (a replay)'),
    },
  }),
  async (c) => {
    const body = await c.req.text();
    const verified = await verifySvix({
      secret: c.var.deps.config.RESEND_WEBHOOK_SECRET,
      id: c.req.header('svix-id'),
      timestamp: c.req.header('svix-timestamp'),
      signature: c.req.header('svix-signature'),
      body,
    });
    if (!verified.ok) throw new DomainError('UNAUTHORIZED', `Webhook refused: ${verified.reason}.`);
    let event: ResendEvent;
    try {
      event = JSON.parse(body) as ResendEvent;
    } catch {
      throw new DomainError('BAD_REQUEST', 'The webhook body is not JSON.');
    }
    const result = await applyResendEvent(c.var.deps, { svixId: c.req.header('svix-id')!, event });
    if (result === 'duplicate') throw new DomainError('CONFLICT', 'This event has already been received.');
    return c.json({ ok: true as const, result }, 200);
  },
);
