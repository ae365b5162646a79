import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { OPENAPI_CONFIG } from './openapi.ts';

// The OpenAPI document is a contract for client generators (which name their methods from
// operationIds) and for readers of /docs (who need to know which routes want a session). Built
// from the app itself, with no server and no database, exactly as GET /openapi.json builds it.

const doc = createApp().getOpenAPI31Document(OPENAPI_CONFIG);
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'] as const;
const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  METHODS.flatMap((method) => {
    const op = item?.[method];
    return op ? [{ key: `${method.toUpperCase()} ${path}`, path, op }] : [];
  }),
);

// Reached without a session: the signing link's token is the credential, Resend signs its webhook
// with Svix, and uptime checks call /health.
const isPublic = (path: string) =>
  path === '/health' ||
  path === '/webhooks/resend' ||
  path.startsWith('/v1/sign/') ||
  path.startsWith('/v1/links/');

describe('openapi document: happy', () => {
  it('documents the routes (so the checks below are not vacuous)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(50);
    expect(operations.map((o) => o.key)).toEqual(
      expect.arrayContaining(['GET /health', 'POST /v1/sign/{token}', 'POST /webhooks/resend', 'GET /v1/me']),
    );
  });

  it('gives every operation a unique camelCase operationId', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(operations.filter((o) => !o.op.operationId).map((o) => o.key)).toEqual([]);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id ?? ''))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('asks for a bearer token everywhere by default, on a declared scheme, and names its servers', () => {
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.servers?.map((s) => s.url)).toContain('http://127.0.0.1:8787');
  });

  it('marks the public operations `security: []`, and only those', () => {
    const open = operations.filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0);
    expect(open.map((o) => o.key).sort()).toEqual(
      operations
        .filter((o) => isPublic(o.path))
        .map((o) => o.key)
        .sort(),
    );
    expect(open.length).toBe(8);
  });
});

describe('openapi document: error', () => {
  it('names no security scheme the document does not declare', () => {
    // A requirement on an undeclared scheme is invalid OpenAPI: generators stop or drop the auth.
    const declared = Object.keys(doc.components?.securitySchemes ?? {});
    const named = [...(doc.security ?? []), ...operations.flatMap((o) => o.op.security ?? [])].flatMap(
      (requirement) => Object.keys(requirement),
    );
    expect(named.filter((name) => !declared.includes(name))).toEqual([]);
  });
});
