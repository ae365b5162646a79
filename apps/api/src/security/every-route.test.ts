import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  launchCampaign,
  MOORTHORPE_HEAD,
  MOORTHORPE_SCHOOL_ADMIN,
  OTHER_ADMIN,
  publishPolicy,
  type RequestOptions,
  tableCounts,
} from '../testing/harness.ts';
import { useHarness } from '../testing/use-harness.ts';

// The shared security suite: the same unauthenticated, forged, expired, cross-tenant, wrong-role
// and bad-body requests against every /v1 route in the OpenAPI document. A new route without a
// sample below fails the suite, so no route ships untested.

const h = useHarness();
let ops: { method: string; path: string }[];
let castleLane: string;
let castlePerson: string;
let pennineIds: string[];
let fixture = {} as Record<NonNullable<Sample['id']> | 'recipient', string>;
const idOf = (sample: Sample) => fixture[sample.id ?? 'person'];

interface Sample {
  /** A valid request, so a refusal can only be about who is asking. */
  body?: (ctx: { schoolId: string; ids: Record<string, string> }) => RequestOptions;
  /** Which kind of record the route's `{id}` names. */
  id?: 'school' | 'person' | 'clause' | 'policy' | 'version' | 'import' | 'campaign';
  /** Reached by a signing link, not a session: covered by its own token tests. */
  public?: boolean;
  /** Takes no body (so the bad-body checks do not apply). */
  noBody?: boolean;
  /** A query string the route needs. */
  query?: (ctx: { schoolId: string }) => string;
  /** Trust-wide records a head may read (the library): they answer 200, not 404. */
  headMayRead?: boolean;
  /** Does the body name a school or record (so another trust's id there must be refused)? */
  bodyNamesSchool?: boolean;
  adminOnly?: boolean;
  /**
   * Bodies that are the intruder's own but for one id of another trust inside them (a policy, a
   * clause, an import): each must be refused as if that id did not exist, writing nothing.
   */
  foreignIdBodies?: (ctx: { ownSchoolId: string; ids: Record<string, string> }) => RequestOptions[];
}

const csv = (text: string): RequestOptions => ({ body: text, headers: { 'content-type': 'text/csv' } });

const samples: Record<string, Sample> = {
  'GET /v1/me': {},
  'GET /v1/schools': {},
  'POST /v1/schools': { body: () => ({ json: { name: 'Security Suite School' } }), adminOnly: true },
  'GET /v1/schools/{id}': { id: 'school' },
  'PATCH /v1/schools/{id}': { id: 'school', body: () => ({ json: { name: 'Renamed by an intruder' } }) },
  'POST /v1/schools/{id}/people/import': {
    id: 'school',
    body: () => csv('name,email\nIntruder,intruder@example.org\n'),
  },
  'GET /v1/people': {},
  'GET /v1/people/{id}': { id: 'person' },
  'POST /v1/people': {
    bodyNamesSchool: true,
    body: ({ schoolId }) => ({
      json: { name: 'Intruder', email: 'intruder@example.org', schoolId, role: 'staff' },
    }),
  },
  'PATCH /v1/people/{id}': { id: 'person', body: () => ({ json: { name: 'Renamed by an intruder' } }) },
  'POST /v1/people/{id}/leave': { id: 'person', body: ({ schoolId }) => ({ json: { schoolId } }) },
  'POST /v1/people/{id}/rejoin': { id: 'person', body: ({ schoolId }) => ({ json: { schoolId } }) },
  'GET /v1/audit': { adminOnly: true },
  'GET /v1/clauses': {},
  'GET /v1/clauses/{id}': { id: 'clause', headMayRead: true },
  'POST /v1/clauses': {
    adminOnly: true,
    body: () => ({ json: { category: 'copyright', title: 'Intruder', text: 'I was here.' } }),
  },
  'POST /v1/clauses/{id}/versions': {
    id: 'clause',
    adminOnly: true,
    body: () => ({ json: { text: 'Rewritten.' } }),
  },
  'POST /v1/clauses/{id}/preview': { id: 'clause', headMayRead: true, body: () => ({ json: {} }) },
  'GET /v1/policies': {},
  'GET /v1/policies/{id}': { id: 'policy', headMayRead: true },
  'POST /v1/policies': {
    adminOnly: true,
    foreignIdBodies: ({ ownSchoolId, ids }) => [
      {
        json: {
          title: 'Their clause',
          audiences: ['staff'],
          sections: [{ heading: null, clauseIds: [ids.clause] }],
        },
      },
      { json: { title: 'Their school', schoolId: ids.school, audiences: ['staff'], sections: [] } },
      {
        json: {
          title: 'Our school',
          schoolId: ownSchoolId,
          audiences: ['staff'],
          sections: [{ heading: null, clauseIds: [ids.clause] }],
        },
      },
    ],
    body: () => ({ json: { title: 'Intruder policy', audiences: ['staff'], sections: [] } }),
  },
  'PATCH /v1/policies/{id}': { id: 'policy', adminOnly: true, body: () => ({ json: { title: 'Renamed' } }) },
  'GET /v1/policies/{id}/preview': { id: 'policy', query: ({ schoolId }) => `?schoolId=${schoolId}` },
  'POST /v1/policies/{id}/publish': { id: 'policy', adminOnly: true, body: () => ({ json: {} }) },
  'GET /v1/policies/{id}/versions': { id: 'policy', headMayRead: true },
  'GET /v1/policy-versions/{id}': { id: 'version' },
  'GET /v1/policy-versions/{id}/diff': { id: 'version' },
  'POST /v1/imports': {
    adminOnly: true,
    bodyNamesSchool: true,
    body: ({ schoolId }) => ({
      json: { text: '- I will keep my password secret.\n', filename: 'x.txt', schoolId },
    }),
  },
  'GET /v1/imports': { adminOnly: true },
  'GET /v1/imports/{id}': { id: 'import', adminOnly: true },
  'POST /v1/imports/consolidate': {
    adminOnly: true,
    foreignIdBodies: ({ ids }) => [{ json: { importIds: [ids.import] } }],
    bodyNamesSchool: true,
    body: ({ ids }) => ({ json: { importIds: [ids.import] } }),
  },
  'POST /v1/campaigns': {
    bodyNamesSchool: true,
    foreignIdBodies: ({ ownSchoolId, ids }) => [
      {
        json: {
          name: 'Their policy, our school',
          policyId: ids.policy,
          schoolIds: [ownSchoolId],
          audiences: ['staff'],
          dueAt: '2099-09-30',
        },
      },
    ],
    body: ({ schoolId, ids }) => ({
      json: {
        name: 'Intruder campaign',
        policyId: ids.policy,
        schoolIds: [schoolId],
        audiences: ['staff'],
        dueAt: '2099-09-30',
      },
    }),
  },
  'GET /v1/campaigns': {},
  'GET /v1/campaigns/{id}': { id: 'campaign' },
  'GET /v1/campaigns/{id}/audience': { id: 'campaign' },
  'POST /v1/campaigns/{id}/launch': { id: 'campaign', noBody: true },
  'GET /v1/campaigns/{id}/recipients': { id: 'campaign' },
  'POST /v1/campaigns/{id}/remind': { id: 'campaign', body: () => ({ json: {} }) },
  'POST /v1/campaigns/{id}/rerun': { id: 'campaign', body: () => ({ json: { dueAt: '2099-09-30' } }) },
  'GET /v1/campaigns/{id}/signatures.csv': { id: 'campaign' },
  'GET /v1/campaigns/{id}/preview': { id: 'campaign' },
  'GET /v1/campaigns/{id}/questions': { id: 'campaign' },
  'GET /v1/campaigns/{id}/recipients/{recipientId}/copy.pdf': { id: 'campaign' },
  'GET /v1/campaigns/{id}/schools/{schoolId}/evidence.pdf': { id: 'campaign' },
  'GET /v1/sign/{token}': { public: true },
  'GET /v1/sign/{token}/copy.pdf': { public: true },
  'POST /v1/sign/{token}': { public: true },
  'POST /v1/links/fresh-link': { public: true },
  'POST /v1/links/{token}/fresh-link': { public: true },
  'POST /v1/sign/{token}/questions': { public: true },
  'POST /v1/imports/accept': {
    adminOnly: true,
    bodyNamesSchool: true,
    body: ({ ids }) => ({ json: { importIds: [ids.import] } }),
  },
};

const key = (op: { method: string; path: string }) => `${op.method} ${op.path}`;
// Second path ids name the fixture's own records: a Castle Lane recipient of the fixture campaign,
// and Castle Lane itself (the intruders below may not see either).
const urlFor = (path: string, id: string, sample?: Sample, schoolId?: string) =>
  path.replace('{id}', id).replace('{recipientId}', fixture.recipient).replace('{schoolId}', castleLane) +
  (sample?.query && schoolId ? sample.query({ schoolId }) : '');

beforeAll(async () => {
  const doc = (await h.request('GET', '/openapi.json')).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  ops = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, item]) => Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })));
  castleLane = h.ids.school('pennine', 'castle-lane');
  const people = await h.request('GET', `/v1/people?schoolId=${castleLane}&limit=1`, { as: ADMIN });
  castlePerson = people.body.data[0].id;
  pennineIds = (
    await h.sql<{ id: string }>("select id from schools where name <> 'Riverside Primary School'")
  ).map((r) => r.id);
  // A Castle Lane policy and version, and a trust clause: what the intruders below reach for.
  const policyId = await publishPolicy(h, {
    title: 'Castle Lane AUP',
    schoolId: castleLane,
    clause: { category: 'passwords_access', title: 'Secret', text: 'I will keep my password secret.' },
  });
  const policy = await h.request('GET', `/v1/policies/${policyId}`, { as: ADMIN });
  const versions = await h.request('GET', `/v1/policies/${policyId}/versions`, { as: ADMIN });
  const imported = await h.request('POST', '/v1/imports', {
    as: ADMIN,
    json: {
      text: '- I will lock my screen.\n- I will report concerns.\n',
      filename: 'castle.txt',
      schoolId: castleLane,
    },
  });
  // Sent, so that it has recipients (the queue is left undelivered: nobody is mailed).
  const { campaignId } = await launchCampaign(h, {
    policyId,
    schoolIds: [castleLane],
    name: 'Castle Lane AUP',
  });
  const [recipient] = await h.sql<{ id: string }>(
    'select id from recipients where campaign_id = $1 limit 1',
    [campaignId],
  );
  fixture = {
    campaign: campaignId,
    recipient: recipient!.id,
    school: castleLane,
    person: castlePerson,
    clause: policy.body.sections[0].clauseIds[0],
    policy: policyId,
    version: versions.body.data?.[0]?.id,
    import: imported.body.id,
  };
  // Every id must be real, or a 404 below would prove nothing.
  for (const id of Object.values(fixture)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
});

describe('security suite', () => {
  it('has a sample for every /v1 route in the OpenAPI document', () => {
    expect(ops.length).toBeGreaterThanOrEqual(Object.keys(samples).length);
    expect(ops.map(key).filter((k) => !samples[k])).toEqual([]);
  });

  it('answers 401 to no token, a malformed header, a forged token and an expired token, on every route', async () => {
    const before = await tableCounts(h);
    const { privateKey } = await generateKeyPair('RS256');
    const admin = h.accounts.find((a) => a.email === ADMIN)!;
    const forged = await new SignJWT({ sid: 'sess_x', v: 2, o: { id: admin.orgId, rol: 'admin' } })
      .setProtectedHeader({ alg: 'RS256', kid: 'dev-identity' })
      .setSubject(admin.userId)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const expired = await h.token(ADMIN, {
      issuedAt: Math.floor(Date.now() / 1000) - 7200,
      expiresInSeconds: 3600,
    });
    for (const op of ops.filter((o) => !samples[key(o)]?.public)) {
      const sample = samples[key(op)]!;
      const url = urlFor(op.path, idOf(sample), sample, castleLane);
      const body = sample.body?.({ schoolId: castleLane, ids: fixture }) ?? {};
      for (const auth of [
        undefined,
        'Basic abc',
        `Bearer ${forged}`,
        `Bearer ${expired}`,
        'Bearer not.a.jwt',
      ]) {
        const res = await h.request(op.method, url, {
          ...body,
          headers: { ...body.headers, ...(auth ? { authorization: auth } : {}) },
        });
        expect(res.status, `${key(op)} with ${auth?.slice(0, 12)}`).toBe(401);
        expect(res.body.error.code).toBe('UNAUTHORIZED');
      }
    }
    expect(await tableCounts(h)).toEqual(before);
  });

  it("answers another trust's ids with 404 on every route that takes one, and leaks nothing in lists", async () => {
    const before = await tableCounts(h);
    for (const op of ops.filter((o) => !samples[key(o)]?.public)) {
      const sample = samples[key(op)]!;
      const body = sample.body?.({ schoolId: castleLane, ids: fixture }) ?? {};
      if (!sample.id && !sample.bodyNamesSchool && op.method !== 'GET') continue; // acts on their own trust only
      const res = await h.request(op.method, urlFor(op.path, idOf(sample), sample, castleLane), {
        ...body,
        as: OTHER_ADMIN,
      });
      if (sample.id || sample.bodyNamesSchool) {
        expect(res.status, key(op)).toBe(404);
      } else {
        expect(res.status, key(op)).toBe(200);
        for (const ours of [...pennineIds, ...Object.values(fixture)])
          expect(res.text, key(op)).not.toContain(ours);
      }
    }
    const filtered = await h.request('GET', `/v1/people?schoolId=${castleLane}&status=all`, {
      as: OTHER_ADMIN,
    });
    expect(filtered.body.data).toEqual([]);
    expect(await tableCounts(h)).toEqual(before);
  });

  it.each([
    ['a head', MOORTHORPE_HEAD],
    ['a school admin', MOORTHORPE_SCHOOL_ADMIN],
  ])(
    'answers %s reaching outside their schools with 404, and admin-only routes with 403',
    async (_who, as) => {
      const before = await tableCounts(h);
      for (const op of ops.filter((o) => !samples[key(o)]?.public)) {
        const sample = samples[key(op)]!;
        const body = sample.body?.({ schoolId: castleLane, ids: fixture }) ?? {};
        const res = await h.request(op.method, urlFor(op.path, idOf(sample), sample, castleLane), {
          ...body,
          as,
        });
        if (sample.adminOnly) expect(res.status, key(op)).toBe(403);
        else if (sample.headMayRead && sample.id === 'clause') expect(res.status, key(op)).toBe(200);
        else if (sample.headMayRead) {
          // A Castle Lane policy is outside a Moorthorpe head's schools.
          expect(res.status, key(op)).toBe(404);
        } else if (sample.id || op.method !== 'GET') expect(res.status, key(op)).toBe(404);
        else {
          expect(res.status, key(op)).toBe(200);
          expect(res.text, key(op)).not.toContain(castleLane);
        }
      }
      expect(await tableCounts(h)).toEqual(before);
    },
  );

  it("refuses another trust's ids inside an otherwise valid body of one's own, writing nothing", async () => {
    const riverside = h.ids.school('riverside', 'riverside-primary');
    const before = await tableCounts(h);
    let tried = 0;
    for (const op of ops) {
      const sample = samples[key(op)];
      for (const body of sample?.foreignIdBodies?.({ ownSchoolId: riverside, ids: fixture }) ?? []) {
        const res = await h.request(op.method, op.path, { ...body, as: OTHER_ADMIN });
        expect([404, 422], `${key(op)} ${JSON.stringify(body.json)}`).toContain(res.status);
        expect(res.text).not.toContain('Castle Lane');
        tried++;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(5);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('answers bad bodies with 400 or 422 and the envelope, writing nothing', async () => {
    const before = await tableCounts(h);
    const moorthorpe = h.ids.school('pennine', 'moorthorpe');
    const moorPerson = h.ids.person('pennine', 'r.dobson@moorthorpe.example.org');
    for (const op of ops.filter(
      (o) => o.method !== 'GET' && !samples[key(o)]?.public && !samples[key(o)]?.noBody,
    )) {
      const sample = samples[key(op)]!;
      const url = urlFor(
        op.path,
        sample.id === 'school'
          ? moorthorpe
          : sample.id === 'person' || !sample.id
            ? moorPerson
            : idOf(sample),
        sample,
        moorthorpe,
      );
      if (op.path.endsWith('/import')) continue; // CSV route: covered by its own tests
      const cases: RequestOptions[] = [
        { body: '{"name": ', headers: { 'content-type': 'application/json' } },
        { json: [] },
        { json: { name: 42, email: ['x'], schoolId: 7, role: null } },
        { json: 'just a string' },
      ];
      for (const c of cases) {
        const res = await h.request(op.method, url, { ...c, as: ADMIN });
        expect([400, 422], `${key(op)} ${c.body ?? JSON.stringify(c.json)}`).toContain(res.status);
        expect(typeof res.body.error.message).toBe('string');
      }
    }
    expect(await tableCounts(h)).toEqual(before);
  });

  it('answers unknown paths with a 404 envelope, and never a stack trace', async () => {
    const res = await h.request('GET', '/v1/nothing-here', { as: ADMIN });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
