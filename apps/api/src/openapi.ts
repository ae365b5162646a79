import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './lib/context.ts';

/**
 * The OpenAPI document's top level. One object for GET /openapi.json and /docs (app.ts) and for
 * `npm run lint:openapi` (cli/openapi.ts), so what is linted is exactly what is served.
 */
export const OPENAPI_CONFIG: Parameters<OpenAPIHono<AppEnv>['getOpenAPI31Document']>[0] = {
  openapi: '3.1.0',
  info: {
    title: 'Attest API',
    version: '1.0.0',
    description:
      'Acceptable Use Policies for multi-academy trusts: schools, people, policies and signatures.',
  },
  servers: [
    {
      // The deployed API Worker is reached at its custom domain (wrangler.toml has workers_dev off).
      url: 'https://{host}',
      description: 'A deployed Attest API Worker',
      variables: { host: { default: 'api.attest.example.org', description: "The API Worker's hostname" } },
    },
    { url: 'http://127.0.0.1:8787', description: 'The local stack (`npm run dev`)' },
  ],
  // Every route needs a session token unless its operation says `security: []` (the signing link's
  // routes, the Resend webhook, /health); the suite in security/every-route.test.ts holds the API to it.
  security: [{ bearer: [] }],
};
