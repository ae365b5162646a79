import { redactTokens } from '@attest/core';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './lib/context.ts';
import type { DepsOverrides } from './lib/deps.ts';
import { DomainError } from './lib/errors.ts';
import { codeForStatus, errorBody, httpStatusOf } from './lib/http-errors.ts';
import { isPublicRoute, type PublicRoute, publicRoutesOf } from './lib/public-routes.ts';
import { validationHook } from './lib/router.ts';
import { authenticate } from './middleware/auth.ts';
import { environment } from './middleware/environment.ts';
import { requestId } from './middleware/request-id.ts';
import { OPENAPI_CONFIG } from './openapi.ts';
import { auditRouter } from './routes/audit/index.ts';
import { campaignsRouter } from './routes/campaigns/index.ts';
import { clausesRouter } from './routes/clauses/index.ts';
import { renderDocsPage } from './routes/docs.ts';
import { healthRouter } from './routes/health.ts';
import { importsRouter } from './routes/imports/index.ts';
import { linksRouter } from './routes/links/index.ts';
import { meRouter } from './routes/me/index.ts';
import { peopleRouter } from './routes/people/index.ts';
import { policiesRouter, policyVersionsRouter } from './routes/policies/index.ts';
import { schoolsRouter } from './routes/schools/index.ts';
import { signRouter } from './routes/sign/index.ts';
import { resendWebhookRouter } from './routes/webhooks/resend.ts';

// Large enough for a 10,000-row staff list; anything bigger is a mistake or an attack.
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_WEBHOOK_BYTES = 256 * 1024;

export function createApp(overrides: DepsOverrides = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', requestId);
  app.route('/', healthRouter);
  app.use('*', environment(overrides));
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new DomainError('PAYLOAD_TOO_LARGE', 'The request body is larger than 2 MB.');
      },
    }),
  );
  // Webhooks are public and verified only after the body is read: a provider's event is a few KB,
  // so anything near this limit is not one, and is refused before it costs a signature check.
  app.use(
    '/webhooks/*',
    bodyLimit({
      maxSize: MAX_WEBHOOK_BYTES,
      onError: () => {
        throw new DomainError('PAYLOAD_TOO_LARGE', 'A webhook event is never larger than 256 KB.');
      },
    }),
  );
  // Routes that say `security: []` (the emailed links' routes) are reached without an account;
  // every other one needs a verified session. The list is read from the routes themselves, once.
  let publicRoutes: PublicRoute[] | undefined;
  app.use('/v1/*', (c, next) => {
    publicRoutes ??= publicRoutesOf(app);
    return isPublicRoute(publicRoutes, c.req.method, c.req.path) ? next() : authenticate(c, next);
  });

  const routes = app
    .route('/v1/me', meRouter)
    .route('/v1/schools', schoolsRouter)
    .route('/v1/people', peopleRouter)
    .route('/v1/audit', auditRouter)
    .route('/v1/clauses', clausesRouter)
    .route('/v1/policies', policiesRouter)
    .route('/v1/policy-versions', policyVersionsRouter)
    .route('/v1/imports', importsRouter)
    .route('/v1/campaigns', campaignsRouter)
    .route('/v1/sign', signRouter)
    .route('/v1/links', linksRouter)
    .route('/webhooks', resendWebhookRouter);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/openapi.json', OPENAPI_CONFIG);
  app.get('/docs', (c) => c.html(renderDocsPage(app.getOpenAPI31Document(OPENAPI_CONFIG))));

  app.notFound((c) =>
    c.json(errorBody(new DomainError('NOT_FOUND', `There is no ${c.req.method} ${c.req.path}.`)), 404),
  );

  app.onError((error, c) => {
    if (error instanceof DomainError) return c.json(errorBody(error), httpStatusOf(error));
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      const code = codeForStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
      // Hono's own messages ("Malformed JSON in request body") are safe to show.
      return c.json(
        errorBody(new DomainError(code, error.message || 'The request could not be read.')),
        status,
      );
    }
    console.error(
      JSON.stringify({
        level: 'error',
        requestId: c.var.requestId,
        path: redactTokens(c.req.path),
        error: String(error),
        // drizzle wraps the driver's error (which names the Postgres problem) as `cause`.
        cause: (error as Error)?.cause ? String((error as Error).cause) : undefined,
        stack: (error as Error)?.stack?.split('\n').slice(0, 8).join('\n'),
      }),
    );
    return c.json(
      errorBody(
        new DomainError('INTERNAL', `Something went wrong on our side (reference ${c.var.requestId}).`),
      ),
      500,
    );
  });

  return routes;
}

export type AppType = ReturnType<typeof createApp>;
