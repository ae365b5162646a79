import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { ADMIN, MOORTHORPE_HEAD } from './testing/harness.ts';
import { useHarness } from './testing/use-harness.ts';

const h = useHarness();

describe('app: happy', () => {
  it('answers /health without touching the database or the environment', async () => {
    const res = await createApp().request('/health', {}, {});
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tells a trust admin who they are', async () => {
    const res = await h.request('GET', '/v1/me', { as: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { email: ADMIN, name: 'Alex Morgan' },
      trust: { name: 'Pennine Learning Trust' },
      isTrustAdmin: true,
      schoolIds: [],
    });
  });

  it('tells a head which school is theirs', async () => {
    const res = await h.request('GET', '/v1/me', { as: MOORTHORPE_HEAD });
    expect(res.body.isTrustAdmin).toBe(false);
    expect(res.body.schoolIds).toEqual([h.ids.school('pennine', 'moorthorpe')]);
    expect(res.body.roles).toEqual([{ role: 'head', schoolId: h.ids.school('pennine', 'moorthorpe') }]);
  });

  it('serves the OpenAPI document and a readable reference', async () => {
    const doc = await h.request('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toContain('/v1/schools/{id}/people/import');
    const page = await h.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<code>/v1/people/{id}/leave</code>');
  });
});

describe('app: error', () => {
  it('answers 500 BAD_ENVIRONMENT when the environment is wrong, naming the setting', async () => {
    const res = await createApp().request(
      '/v1/me',
      {},
      { ENVIRONMENT: 'test', DATABASE_URL: 'mysql://nope' },
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; details: string[] } };
    expect(body.error.code).toBe('BAD_ENVIRONMENT');
    expect(body.error.details.join(' ')).toContain('DATABASE_URL');
  });

  it('fails closed in production: a missing ENVIRONMENT, web address or authorised parties is named', async () => {
    const { ENVIRONMENT: _e, ...noEnvironment } = h.env;
    const missing = await createApp().request('/v1/me', {}, noEnvironment);
    expect(missing.status).toBe(500);
    expect(((await missing.json()) as { error: { details: string[] } }).error.details.join(' ')).toContain(
      'ENVIRONMENT: must be set to development, test or production',
    );
    const unknown = await createApp().request('/v1/me', {}, { ...h.env, ENVIRONMENT: 'staging' });
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('BAD_ENVIRONMENT');

    const {
      NEON_FETCH_ENDPOINT: _f,
      NEON_WS_PROXY: _w,
      RESEND_BASE_URL: _r,
      PUBLIC_WEB_URL: _p,
      ...rest
    } = h.env;
    for (const [env, setting] of [
      [{ ...rest, ENVIRONMENT: 'production' }, 'PUBLIC_WEB_URL'],
      [
        { ...rest, ENVIRONMENT: 'production', PUBLIC_WEB_URL: 'https://app.attest.example.org' },
        'PUBLIC_WEB_URL',
      ],
      [
        { ...rest, ENVIRONMENT: 'production', PUBLIC_WEB_URL: 'http://attest.pennine-trust.org.uk' },
        'PUBLIC_WEB_URL',
      ],
      [
        { ...rest, ENVIRONMENT: 'production', PUBLIC_WEB_URL: 'https://attest.pennine-trust.org.uk' },
        'CLERK_AUTHORIZED_PARTIES',
      ],
    ] as const) {
      const res = await createApp().request('/v1/me', {}, env);
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: { code: string; details: string[] } };
      expect(body.error.code).toBe('BAD_ENVIRONMENT');
      expect(body.error.details.join(' ')).toContain(`${setting}:`);
    }
  });

  it('refuses to run in production with the dev stack doors configured', async () => {
    const res = await createApp().request('/v1/me', {}, { ...h.env, ENVIRONMENT: 'production' });
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { details: string[] } };
    expect(body.error.details.join(' ')).toContain('NEON_FETCH_ENDPOINT: is a development-only setting');
  });

  it('refuses dev-issued tokens in production even if the key matched', async () => {
    const env: Record<string, string> = {
      ...h.env,
      ENVIRONMENT: 'production',
      RESEND_BASE_URL: '',
      PUBLIC_WEB_URL: 'https://attest.pennine-trust.org.uk',
      CLERK_AUTHORIZED_PARTIES: 'https://attest.pennine-trust.org.uk',
    };
    // Production settings but the dev doors still needed to reach the test database: configure them
    // globally the way a previous request would have, then drop them from the environment.
    const { NEON_FETCH_ENDPOINT: _f, NEON_WS_PROXY: _w, ...prod } = env;
    const res = await createApp().request(
      '/v1/me',
      { headers: { authorization: `Bearer ${await h.token(ADMIN)}` } },
      prod,
    );
    expect(res.status).toBe(401);
  });

  it('answers 403 to a valid token whose organisation is not a trust', async () => {
    const token = await h.stack.issueToken({
      userId: 'user_nobody',
      orgId: 'org_unknown',
      orgRole: 'org:admin',
    });
    const res = await h.request('GET', '/v1/me', { token });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('not been set up');
  });

  it('answers 403 to a member of the trust who has no role yet', async () => {
    const token = await h.stack.issueToken({
      userId: 'user_new_member',
      orgId: 'org_demo_pennine',
      orgRole: 'org:member',
    });
    const res = await h.request('GET', '/v1/schools', { token });
    expect(res.status).toBe(403);
  });
});
