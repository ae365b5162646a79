import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { escapeHtml } from '../console/html.ts';
import { linkify, MESSAGE_PAGE_CSP, renderMessagePage } from '../console/message-page.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH, requestFingerprint } from './idempotency.ts';
import type { CaughtMessage, MailStore } from './mail-store.ts';
import {
  type EmailInput,
  MAX_BATCH_SIZE,
  parseEmail,
  type ResendError,
  resendError,
} from './resend-validation.ts';

/**
 * The parts of Resend's HTTP API the product uses, for `new Resend(key, { baseUrl })` with
 * baseUrl = `<devstack>/resend`: POST /emails, POST /emails/batch, GET /emails/:id.
 */
export function createResendApi(store: MailStore): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    // Any `re_` key is accepted (there is no account); a missing one is refused as Resend would.
    const authorization = c.req.header('authorization') ?? '';
    const key = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!key) {
      return fail(
        c,
        resendError(
          401,
          'missing_api_key',
          'Missing API key in the authorization header. Include the following header Authorization: Bearer YOUR_API_KEY in the request.',
        ),
      );
    }
    if (!key.startsWith('re_')) return fail(c, resendError(401, 'invalid_api_key', 'API key is invalid'));
    await next();
  });

  app.post('/emails', (c) =>
    idempotent(c, store, 'POST /emails', (body, idempotencyKey) => {
      const parsed = parseEmail(body);
      if (parsed.error) return { status: parsed.error.statusCode, body: parsed.error };
      const message = store.add({ ...parsed.email, idempotency_key: idempotencyKey, batch_index: null });
      return { status: 200, body: { id: message.id } };
    }),
  );

  app.post('/emails/batch', (c) =>
    idempotent(c, store, 'POST /emails/batch', (body, idempotencyKey) => {
      if (!Array.isArray(body)) {
        const error = resendError(422, 'validation_error', 'The request body must be an array of emails.');
        return { status: 422, body: error };
      }
      if (body.length === 0 || body.length > MAX_BATCH_SIZE) {
        const error = resendError(
          422,
          'validation_error',
          `A batch must hold between 1 and ${MAX_BATCH_SIZE} emails; this one has ${body.length}.`,
        );
        return { status: 422, body: error };
      }
      // 'strict' (the SDK's default) refuses the whole batch for one bad email; 'permissive'
      // sends the valid ones and lists the others under `errors`.
      const permissive = c.req.header('x-batch-validation') === 'permissive';
      const valid: { index: number; email: EmailInput }[] = [];
      const errors: { index: number; message: string }[] = [];
      body.forEach((item, index) => {
        const parsed = parseEmail(item, { batch: true });
        if (parsed.error) errors.push({ index, message: parsed.error.message });
        else valid.push({ index, email: parsed.email });
      });
      const firstError = errors[0];
      if (firstError && !permissive) {
        const error = resendError(
          422,
          'validation_error',
          `emails[${firstError.index}]: ${firstError.message}`,
        );
        return { status: 422, body: error };
      }
      const data = valid.map(({ index, email }) => ({
        id: store.add({ ...email, idempotency_key: idempotencyKey, batch_index: index }).id,
      }));
      return { status: 200, body: permissive ? { data, errors } : { data } };
    }),
  );

  app.get('/emails/:id', (c) => {
    const message = store.get(c.req.param('id'));
    if (!message) return fail(c, resendError(404, 'not_found', 'Email not found'));
    return c.json(toResendEmail(message));
  });

  app.notFound((c) => fail(c, resendError(404, 'not_found', 'Not found')));
  return app;
}

type Handler = (body: unknown, idempotencyKey: string | null) => { status: number; body: unknown };

async function idempotent(c: Context, store: MailStore, endpoint: string, handle: Handler) {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    return fail(c, resendError(422, 'validation_error', 'The request body is not valid JSON.'));
  }
  const key = c.req.header('idempotency-key') ?? null;
  if (key === null) {
    const answer = handle(body, null);
    return c.json(answer.body, answer.status as ContentfulStatusCode);
  }
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return fail(
      c,
      resendError(
        400,
        'invalid_idempotency_key',
        `The idempotency key must be between 1 and ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
      ),
    );
  }
  const fingerprint = requestFingerprint(endpoint, body);
  const seen = store.idempotency.lookup(key, fingerprint);
  if (seen.kind === 'replay') return c.json(seen.answer.body, seen.answer.status as ContentfulStatusCode);
  if (seen.kind === 'conflict') {
    return fail(
      c,
      resendError(
        409,
        'invalid_idempotent_request',
        'Same idempotency key used with a different request payload. Change your idempotency key or try to not change the current payload.',
      ),
    );
  }
  // Everything from lookup to remember runs synchronously, so two concurrent requests with the
  // same key cannot both send: the second one finds the first one's answer.
  const answer = handle(body, key);
  if (answer.status === 200) store.idempotency.remember(key, fingerprint, answer);
  return c.json(answer.body, answer.status as ContentfulStatusCode);
}

function fail(c: Context, error: ResendError) {
  return c.json(error, error.statusCode as ContentfulStatusCode);
}

/** Resend's GET /emails/:id shape. */
function toResendEmail(message: CaughtMessage) {
  return {
    object: 'email',
    id: message.id,
    from: message.from,
    to: message.to,
    cc: message.cc.length ? message.cc : null,
    bcc: message.bcc.length ? message.bcc : null,
    reply_to: message.reply_to.length ? message.reply_to : null,
    subject: message.subject,
    html: message.html,
    text: message.text,
    created_at: message.created_at,
    last_event: 'delivered',
    tags: message.tags,
  };
}

/**
 * The catcher's own API for tests and people: GET/DELETE /api/messages (newest first,
 * `?to=` filter), GET /api/messages/:id; for a browser, GET /messages/:id (the email as its
 * recipient sees it, HTML and text) and GET /messages/:id/html (the HTML alone).
 */
export function createMailboxApi(store: MailStore): Hono {
  const app = new Hono();

  app.get('/api/messages', (c) => c.json(store.messages({ to: c.req.query('to') })));
  app.delete('/api/messages', (c) => {
    store.clear();
    return c.json({ ok: true });
  });
  app.get('/api/messages/:id', (c) => {
    const message = store.get(c.req.param('id'));
    if (!message) return c.json({ error: { code: 'NOT_FOUND', message: 'No such message' } }, 404);
    return c.json(message);
  });
  app.get('/messages/:id', (c) => {
    const message = store.get(c.req.param('id'));
    if (!message) return c.json({ error: { code: 'NOT_FOUND', message: 'No such message' } }, 404);
    c.header('Content-Security-Policy', MESSAGE_PAGE_CSP);
    return c.html(renderMessagePage(message));
  });
  app.get('/messages/:id/html', (c) => {
    const message = store.get(c.req.param('id'));
    if (!message) return c.json({ error: { code: 'NOT_FOUND', message: 'No such message' } }, 404);
    // The email alone, in a tab of its own, but sandboxed: its scripts must not run on the dev
    // stack's origin, where /api/messages and /identity/token live. Links still work.
    c.header('Content-Security-Policy', 'sandbox allow-popups allow-popups-to-escape-sandbox');
    return c.html(message.html ?? textAsHtml(message));
  });

  return app;
}

function textAsHtml(message: CaughtMessage): string {
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(message.subject)}</title><pre style="white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace">${linkify(message.text ?? '')}</pre>`;
}
