import { describe, expect, it } from 'vitest';
import { ADMIN, demoIds, MOORTHORPE_HEAD, OTHER_ADMIN, tableCounts } from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');
const castleLane = demoIds.school('pennine', 'castle-lane');

const addPerson = (as: string, json: Record<string, unknown>) =>
  h.request('POST', '/v1/people', { as, json });

describe('people: happy', () => {
  it("lists a school's people by name, a page at a time, with their memberships", async () => {
    const first = await h.request('GET', `/v1/people?schoolId=${moorthorpe}&limit=15`, { as: ADMIN });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(15);
    const names = first.body.data.map((p: { name: string }) => p.name.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(first.body.data[0].memberships[0]).toMatchObject({ schoolId: moorthorpe, leftAt: null });
    const seen = new Set(first.body.data.map((p: { id: string }) => p.id));
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await h.request('GET', `/v1/people?schoolId=${moorthorpe}&limit=15&cursor=${cursor}`, {
        as: ADMIN,
      });
      for (const p of next.body.data) {
        expect(seen.has(p.id)).toBe(false);
        seen.add(p.id);
      }
      cursor = next.body.nextCursor;
    }
    expect(seen.size).toBe(40);
  });

  it('searches by name, email or job title and filters by role', async () => {
    const governors = await h.request('GET', `/v1/people?schoolId=${moorthorpe}&role=governor&limit=200`, {
      as: ADMIN,
    });
    expect(governors.status).toBe(200);
    expect(governors.body.data.length).toBeGreaterThan(0);
    for (const p of governors.body.data)
      expect(p.memberships.some((m: { role: string }) => m.role === 'governor')).toBe(true);
    const search = await h.request('GET', '/v1/people?q=DOBSON', { as: ADMIN });
    expect(search.body.data.map((p: { email: string }) => p.email)).toEqual([
      'r.dobson@moorthorpe.example.org',
    ]);
  });

  it('adds a person, edits them, marks them as left and back, each step audited', async () => {
    const created = await addPerson(ADMIN, {
      name: 'Nadia Quinn',
      email: 'N.Quinn@Moorthorpe.example.org',
      jobTitle: 'Class Teacher',
      schoolId: moorthorpe,
      role: 'staff',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Nadia Quinn',
      email: 'n.quinn@moorthorpe.example.org',
      jobTitle: 'Class Teacher',
    });
    const id = created.body.id;

    const edited = await h.request('PATCH', `/v1/people/${id}`, {
      as: MOORTHORPE_HEAD,
      json: { jobTitle: 'Year 2 Teacher' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.jobTitle).toBe('Year 2 Teacher');

    const left = await h.request('POST', `/v1/people/${id}/leave`, {
      as: MOORTHORPE_HEAD,
      json: { schoolId: moorthorpe },
    });
    expect(left.status).toBe(200);
    expect(left.body.memberships[0].leftAt).not.toBeNull();
    const active = await h.request('GET', `/v1/people?schoolId=${moorthorpe}&q=quinn`, { as: ADMIN });
    expect(active.body.data).toEqual([]);
    const leavers = await h.request('GET', `/v1/people?schoolId=${moorthorpe}&q=quinn&status=left`, {
      as: ADMIN,
    });
    expect(leavers.body.data.map((p: { id: string }) => p.id)).toEqual([id]);

    const again = await h.request('POST', `/v1/people/${id}/leave`, {
      as: ADMIN,
      json: { schoolId: moorthorpe },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      'Nadia Quinn has already left Moorthorpe Primary School with Inclusion Resource.',
    );

    const back = await h.request('POST', `/v1/people/${id}/rejoin`, {
      as: ADMIN,
      json: { schoolId: moorthorpe },
    });
    expect(back.status).toBe(200);
    expect(back.body.memberships[0].leftAt).toBeNull();

    const audit = await h.sql<{ action: string; actor_name: string }>(
      'select action, actor_name from audit_log where entity_id = $1 order by created_at',
      [id],
    );
    expect(audit).toEqual([
      { action: 'person.created', actor_name: 'Alex Morgan' },
      { action: 'person.updated', actor_name: 'Rachel Dobson' },
      { action: 'person.left', actor_name: 'Rachel Dobson' },
      { action: 'person.rejoined', actor_name: 'Alex Morgan' },
    ]);
  });

  it('reads the audit log newest first for a trust admin', async () => {
    const res = await h.request('GET', '/v1/audit?limit=2', { as: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
    expect(res.body.data[0].action).toBe('person.rejoined');
    expect(res.body.nextCursor).toEqual(expect.any(String));
  });
});

describe('people: error', () => {
  it('refuses an email already in the trust, whatever its case, and writes nothing', async () => {
    const before = await tableCounts(h);
    const res = await addPerson(ADMIN, {
      name: 'Copy',
      email: 'R.DOBSON@moorthorpe.example.org',
      schoolId: castleLane,
      role: 'staff',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EMAIL_TAKEN');
    expect(res.body.error.details).toEqual([
      { path: 'email', message: 'is already used by someone in this trust' },
    ]);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('names each bad field', async () => {
    const res = await addPerson(ADMIN, { name: '', email: 'j.smith@', schoolId: 'nope', role: 'pupil' });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'name',
      'role',
      'schoolId',
    ]);
  });

  it('refuses wrong types and bad query strings', async () => {
    expect(
      (
        await h.request('PATCH', `/v1/people/${h.ids.person('pennine', 'r.dobson@moorthorpe.example.org')}`, {
          as: ADMIN,
          json: { name: 42 },
        })
      ).status,
    ).toBe(422);
    const bad = await h.request('GET', '/v1/people?limit=9999', { as: ADMIN });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^limit:/);
    expect((await h.request('GET', '/v1/people?cursor=garbage', { as: ADMIN })).status).toBe(400);
  });

  it('refuses a body over 2 MB with 413', async () => {
    const res = await h.request('POST', '/v1/people', {
      as: ADMIN,
      json: { name: 'x'.repeat(3 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('people: security', () => {
  it("hides people of schools outside a head's own, as 404", async () => {
    const castlePerson = await h.request('GET', `/v1/people?schoolId=${castleLane}&limit=1`, { as: ADMIN });
    const id = castlePerson.body.data[0].id;
    expect((await h.request('GET', `/v1/people/${id}`, { as: MOORTHORPE_HEAD })).status).toBe(404);
    expect(
      (await h.request('PATCH', `/v1/people/${id}`, { as: MOORTHORPE_HEAD, json: { name: 'x' } })).status,
    ).toBe(404);
    const list = await h.request('GET', `/v1/people?schoolId=${castleLane}`, { as: MOORTHORPE_HEAD });
    expect(list.body.data).toEqual([]);
  });

  it("does not let a head add someone to another school, nor anyone to another trust's school", async () => {
    const before = await tableCounts(h);
    const a = await addPerson(MOORTHORPE_HEAD, {
      name: 'X',
      email: 'x1@example.org',
      schoolId: castleLane,
      role: 'staff',
    });
    expect(a.status).toBe(404);
    const b = await addPerson(OTHER_ADMIN, {
      name: 'X',
      email: 'x2@example.org',
      schoolId: moorthorpe,
      role: 'staff',
    });
    expect(b.status).toBe(404);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('keeps the audit log to trust admins', async () => {
    expect((await h.request('GET', '/v1/audit', { as: MOORTHORPE_HEAD })).status).toBe(403);
    const theirs = await h.request('GET', '/v1/audit', { as: OTHER_ADMIN });
    expect(theirs.status).toBe(200);
    expect(theirs.body.data).toEqual([]);
  });

  it('refuses to rewrite the audit log even from inside the database', async () => {
    await expect(h.sql('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});
