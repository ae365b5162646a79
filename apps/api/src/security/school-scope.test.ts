import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type Harness,
  MOORTHORPE_HEAD,
  MOORTHORPE_SCHOOL_ADMIN,
  publishStaffPolicy,
  startHarness,
  tableCounts,
} from '../testing/harness.ts';

// A head or school admin acts only inside their current schools, through every door: changing a
// person, a staff-list import, a campaign that spans other schools, a search. (Moorthorpe's head
// and school admin here; Castle Lane is someone else's school.)

let h: Harness;
let moorthorpe: string;
let castleLane: string;
/** Works at Moorthorpe and at Castle Lane. */
let shared: { id: string; email: string };
/** Has left Moorthorpe; now only at Castle Lane. */
let former: { id: string; email: string };

const csv = (text: string) => ({ body: text, headers: { 'content-type': 'text/csv' } });

beforeAll(async () => {
  h = await startHarness();
  moorthorpe = h.ids.school('pennine', 'moorthorpe');
  castleLane = h.ids.school('pennine', 'castle-lane');
  const add = async (name: string, email: string) => {
    const res = await h.request('POST', '/v1/people', {
      as: ADMIN,
      json: { name, email, schoolId: moorthorpe, role: 'staff' },
    });
    expect(res.status).toBe(201);
    const joined = await h.request('POST', `/v1/schools/${castleLane}/people/import`, {
      as: ADMIN,
      ...csv(`name,email,role\n${name},${email},staff\n`),
    });
    expect(joined.status).toBe(200);
    return { id: res.body.id as string, email };
  };
  shared = await add('Sam Shared', 'sam.shared@example.org');
  former = await add('Fran Former', 'fran.former@example.org');
  const left = await h.request('POST', `/v1/people/${former.id}/leave`, {
    as: ADMIN,
    json: { schoolId: moorthorpe },
  });
  expect(left.status).toBe(200);
});
afterAll(async () => {
  await h?.stop();
});

describe.each([
  ['head', MOORTHORPE_HEAD],
  ['school admin', MOORTHORPE_SCHOOL_ADMIN],
])('a %s of Moorthorpe', (_who, as) => {
  it('may not change the name, email or job title of someone who also works at another school', async () => {
    const before = await tableCounts(h);
    for (const json of [{ name: 'Renamed' }, { email: 'taken.over@example.org' }, { jobTitle: 'Cleaner' }]) {
      const res = await h.request('PATCH', `/v1/people/${shared.id}`, { as, json });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/trust admin/i);
    }
    expect(await tableCounts(h)).toEqual(before);
  });

  it('may not change someone who has left Moorthorpe', async () => {
    const before = await tableCounts(h);
    const res = await h.request('PATCH', `/v1/people/${former.id}`, { as, json: { name: 'Renamed' } });
    expect([403, 404]).toContain(res.status);
    const rejoin = await h.request('POST', `/v1/people/${former.id}/rejoin`, {
      as,
      json: { schoolId: castleLane },
    });
    expect(rejoin.status).toBe(404);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('reports a staff-list row naming someone of another school as a conflict, and changes nothing about them', async () => {
    const before = await tableCounts(h);
    const res = await h.request('POST', `/v1/schools/${moorthorpe}/people/import`, {
      as,
      ...csv(`name,email,role,job title\nSam Renamed,${shared.email},staff,Cleaner\n`),
    });
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ status: 'rejected' });
    expect(res.body.rows[0].errors.join(' ')).toMatch(/another school/i);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('may not launch, chase or re-run a campaign that covers schools outside theirs', async () => {
    const policyId = await publishStaffPolicy(h);
    const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const created = await h.request('POST', '/v1/campaigns', {
      as: ADMIN,
      json: {
        name: 'Two schools',
        policyId,
        schoolIds: [moorthorpe, castleLane],
        audiences: ['staff'],
        dueAt,
      },
    });
    expect(created.status).toBe(201);
    const before = await tableCounts(h);
    const launch = await h.request('POST', `/v1/campaigns/${created.body.id}/launch`, { as });
    expect(launch.status).toBe(403);
    expect(await tableCounts(h)).toEqual(before);

    await h.request('POST', `/v1/campaigns/${created.body.id}/launch`, { as: ADMIN });
    h.queue.drain();
    const afterLaunch = await tableCounts(h);
    for (const [path, json] of [
      [`/v1/campaigns/${created.body.id}/remind`, {}],
      [`/v1/campaigns/${created.body.id}/remind`, { schoolId: moorthorpe }],
      [`/v1/campaigns/${created.body.id}/rerun`, { dueAt: '2099-09-30' }],
    ] as const) {
      const res = await h.request('POST', path, { as, json });
      expect({ path, json, status: res.status }).toEqual({ path, json, status: 403 });
    }
    expect(await tableCounts(h)).toEqual(afterLaunch);
  });

  it("never finds other schools' people or own wording by searching", async () => {
    // Someone only at Castle Lane is not found; a former colleague shows only as having left.
    const [castleOnly] = await h.sql<{ name: string }>(
      `select p.name from people p join school_memberships m on m.person_id = p.id
        where m.school_id = $1 and not exists (select 1 from school_memberships o where o.person_id = p.id and o.school_id <> $1)
        order by p.name limit 1`,
      [castleLane],
    );
    const people = await h.request('GET', `/v1/people?q=${encodeURIComponent(castleOnly!.name)}&status=all`, {
      as,
    });
    expect(people.status).toBe(200);
    expect(people.body.data).toEqual([]);
    const formerResult = await h.request('GET', '/v1/people?q=fran.former&status=all', { as });
    for (const person of formerResult.body.data)
      for (const m of person.memberships)
        expect({ schoolId: m.schoolId, left: m.leftAt !== null }).toEqual({
          schoolId: moorthorpe,
          left: true,
        });
    // Castle Lane's own wording of a trust clause: a Moorthorpe search must not match it.
    const clause = await h.request('POST', '/v1/clauses', {
      as: ADMIN,
      json: { category: 'passwords_access', title: 'Screens', text: 'I will lock my screen.' },
    });
    const variant = await h.request('POST', `/v1/clauses/${clause.body.id}/versions`, {
      as: ADMIN,
      json: { text: 'I will lock my screen with the Castle Lane zebra code.', schoolId: castleLane },
    });
    expect(variant.status).toBe(201);
    const found = await h.request('GET', '/v1/clauses?q=zebra', { as });
    expect(found.status).toBe(200);
    expect(JSON.stringify(found.body)).not.toContain(clause.body.id);
    const adminFound = await h.request('GET', '/v1/clauses?q=zebra', { as: ADMIN });
    expect(JSON.stringify(adminFound.body)).toContain(clause.body.id);
  });
});
