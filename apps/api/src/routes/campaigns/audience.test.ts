import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  demoIds,
  MOORTHORPE_HEAD,
  OTHER_ADMIN,
  publishStaffPolicy,
  tableCounts,
} from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

// The review step's "who will be emailed" (GET /v1/campaigns/{id}/audience): a draft's would-be
// recipients, selected by the same query the launch uses, so the list and the send agree.

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');
const castleLane = demoIds.school('pennine', 'castle-lane');
const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
let policyId: string;

beforeAll(async () => {
  policyId = await publishStaffPolicy(h);
});

const draft = async (as: string, schoolIds: string[], audiences = ['staff']) => {
  const res = await h.request('POST', '/v1/campaigns', {
    as,
    json: { name: 'Staff AUP 2026/27', policyId, schoolIds, audiences, dueAt },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};

describe('campaign audience: happy', () => {
  it('names everyone a draft will email, once each, and the launch emails exactly them', async () => {
    // Someone on the staff of both schools is emailed once.
    const [twice] = await h.sql<{ person_id: string; trust_id: string }>(
      `select m.person_id, m.trust_id from school_memberships m
        where m.school_id = $1 and m.role = 'staff' and m.left_at is null order by m.person_id limit 1`,
      [moorthorpe],
    );
    await h.sql(
      `insert into school_memberships (trust_id, school_id, person_id, role) values ($1, $2, $3, 'staff')`,
      [twice!.trust_id, castleLane, twice!.person_id],
    );
    const id = await draft(ADMIN, [moorthorpe, castleLane]);
    const before = await tableCounts(h);

    const res = await h.request('GET', `/v1/campaigns/${id}/audience`, { as: ADMIN });
    expect(res.status).toBe(200);
    const [expected] = await h.sql<{ n: number }>(
      `select count(distinct person_id)::int as n from school_memberships
        where school_id = any($1::uuid[]) and role = 'staff' and left_at is null`,
      [[moorthorpe, castleLane]],
    );
    expect(res.body.count).toBe(expected!.n);
    expect(res.body.data).toHaveLength(expected!.n);
    expect(res.body.data.filter((p: { personId: string }) => p.personId === twice!.person_id)).toHaveLength(
      1,
    );
    expect(
      res.body.schools.map((s: { count: number }) => s.count).reduce((a: number, b: number) => a + b),
    ).toBe(expected!.n);
    // By school, then by name.
    const names = res.body.data.map((p: { schoolName: string; name: string }) => `${p.schoolName}|${p.name}`);
    expect(names).toEqual(
      names.toSorted((a: string, b: string) => {
        const [sa, na] = a.split('|') as [string, string];
        const [sb, nb] = b.split('|') as [string, string];
        return sa.localeCompare(sb) || na.toLowerCase().localeCompare(nb.toLowerCase());
      }),
    );
    expect(await tableCounts(h)).toEqual(before); // a read

    const launched = await h.request('POST', `/v1/campaigns/${id}/launch`, { as: ADMIN });
    expect(launched.status).toBe(202);
    expect(launched.body.recipients).toBe(res.body.count);
    const sent = await h.sql<{ person_id: string; school_id: string }>(
      'select person_id, school_id from recipients where campaign_id = $1 order by person_id',
      [id],
    );
    expect(sent).toEqual(
      res.body.data
        .map((p: { personId: string; schoolId: string }) => ({
          person_id: p.personId,
          school_id: p.schoolId,
        }))
        .toSorted((a: { person_id: string }, b: { person_id: string }) =>
          a.person_id.localeCompare(b.person_id),
        ),
    );
  });

  it('lets a head see who their own draft will email', async () => {
    const id = await draft(MOORTHORPE_HEAD, [moorthorpe]);
    const res = await h.request('GET', `/v1/campaigns/${id}/audience`, { as: MOORTHORPE_HEAD });
    expect(res.status).toBe(200);
    expect(res.body.count).toBeGreaterThan(0);
    expect(res.body.schools).toEqual([
      { schoolId: moorthorpe, schoolName: expect.stringContaining('Moorthorpe'), count: res.body.count },
    ]);
  });

  it('answers an empty list, not an error, when nobody is in the audiences yet', async () => {
    const id = await draft(ADMIN, [moorthorpe], ['volunteer']);
    const res = await h.request('GET', `/v1/campaigns/${id}/audience`, { as: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: expect.any(Number) });
    expect(res.body.data).toHaveLength(res.body.count);
  });
});

describe('campaign audience: error', () => {
  it('refuses a campaign already sent: its recipients are the answer', async () => {
    const id = await draft(ADMIN, [moorthorpe]);
    expect((await h.request('POST', `/v1/campaigns/${id}/launch`, { as: ADMIN })).status).toBe(202);
    const res = await h.request('GET', `/v1/campaigns/${id}/audience`, { as: ADMIN });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('already been sent');
  });

  it('answers 404 for a campaign that does not exist', async () => {
    const res = await h.request('GET', `/v1/campaigns/${crypto.randomUUID()}/audience`, { as: ADMIN });
    expect(res.status).toBe(404);
  });
});

describe('campaign audience: security', () => {
  it("keeps another trust's admin and another school's head out", async () => {
    const id = await draft(ADMIN, [castleLane]);
    expect((await h.request('GET', `/v1/campaigns/${id}/audience`, { as: OTHER_ADMIN })).status).toBe(404);
    expect((await h.request('GET', `/v1/campaigns/${id}/audience`, { as: MOORTHORPE_HEAD })).status).toBe(
      404,
    );
    expect((await h.request('GET', `/v1/campaigns/${id}/audience`)).status).toBe(401);
  });
});
