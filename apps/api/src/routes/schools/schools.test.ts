import { describe, expect, it } from 'vitest';
import { ADMIN, MOORTHORPE_HEAD, OTHER_ADMIN, tableCounts } from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

const h = useHarness();

describe('schools: happy', () => {
  it('lists the trust admin every school of the trust, with head counts and variables', async () => {
    const res = await h.request('GET', '/v1/schools', { as: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.data.map((s: { name: string }) => s.name)).toEqual([
      "Barton St Peter's CE Primary School",
      'Castle Lane Primary School',
      'Hollin Bank Primary School',
      'Moorthorpe Primary School with Inclusion Resource',
      "St Michael's C of E Infant School",
    ]);
    const moorthorpe = res.body.data.find((s: { urn: string }) => s.urn === '149003');
    expect(moorthorpe.counts).toEqual({ active: 40, left: 0 });
    expect(moorthorpe.variables).toMatchObject({ headTitle: 'Head of School', misName: 'SIMS' });
  });

  it('lists a head only their own school', async () => {
    const res = await h.request('GET', '/v1/schools', { as: MOORTHORPE_HEAD });
    expect(res.status).toBe(200);
    expect(res.body.data.map((s: { name: string }) => s.name)).toEqual([
      'Moorthorpe Primary School with Inclusion Resource',
    ]);
  });

  it('creates a school, then reads it back, and records who did it', async () => {
    const created = await h.request('POST', '/v1/schools', {
      as: ADMIN,
      json: {
        name: 'Upperthong Junior School',
        urn: '149006',
        phase: 'primary',
        variables: { headTitle: 'Executive Head' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Upperthong Junior School',
      urn: '149006',
      counts: { active: 0, left: 0 },
    });
    expect(created.body.variables.headTitle).toBe('Executive Head');
    const read = await h.request('GET', `/v1/schools/${created.body.id}`, { as: ADMIN });
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Upperthong Junior School');
    const audit = await h.sql<{ action: string; actor_name: string }>(
      'select action, actor_name from audit_log where entity_id = $1',
      [created.body.id],
    );
    expect(audit).toEqual([{ action: 'school.created', actor_name: 'Alex Morgan' }]);
  });

  it("lets a head change their own school's variables, keeping the others", async () => {
    const id = h.ids.school('pennine', 'moorthorpe');
    const res = await h.request('PATCH', `/v1/schools/${id}`, {
      as: MOORTHORPE_HEAD,
      json: { variables: { misName: 'Arbor' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.variables).toMatchObject({ misName: 'Arbor', headTitle: 'Head of School' });
    const [row] = await h.sql<{ before: { variables: { misName: string } } }>(
      "select before from audit_log where entity_id = $1 and action = 'school.updated'",
      [id],
    );
    expect(row?.before.variables.misName).toBe('SIMS');
  });
});

describe('schools: error', () => {
  it('refuses a school without a name, naming the field, and writes nothing', async () => {
    const before = await tableCounts(h);
    const res = await h.request('POST', '/v1/schools', { as: ADMIN, json: { name: '  ', urn: '12' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'urn']);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('refuses a URN another school of the trust has', async () => {
    const res = await h.request('POST', '/v1/schools', { as: ADMIN, json: { name: 'Copy', urn: '149001' } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('149001');
  });

  it('answers malformed JSON with 400 and the envelope', async () => {
    const res = await h.request('POST', '/v1/schools', {
      as: ADMIN,
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('refuses unknown fields rather than ignoring them', async () => {
    const res = await h.request('POST', '/v1/schools', {
      as: ADMIN,
      json: { name: 'X', trustId: 'someone-else' },
    });
    expect(res.status).toBe(422);
  });
});

describe('schools: security', () => {
  it("answers another trust's school with 404, exactly like a missing one", async () => {
    const theirs = h.ids.school('riverside', 'riverside-primary');
    const res = await h.request('GET', `/v1/schools/${theirs}`, { as: ADMIN });
    expect(res.status).toBe(404);
    const missing = await h.request('GET', '/v1/schools/00000000-0000-4000-8000-000000000000', { as: ADMIN });
    expect(missing.status).toBe(404);
    expect(res.body).toEqual(missing.body);
  });

  it("does not let the other trust's admin change ours", async () => {
    const before = await tableCounts(h);
    const res = await h.request('PATCH', `/v1/schools/${h.ids.school('pennine', 'castle-lane')}`, {
      as: OTHER_ADMIN,
      json: { name: 'Taken over' },
    });
    expect(res.status).toBe(404);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('does not let a head add a school', async () => {
    const res = await h.request('POST', '/v1/schools', { as: MOORTHORPE_HEAD, json: { name: 'Mine' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});
