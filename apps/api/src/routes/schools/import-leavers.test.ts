import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, deliverQueued, launchCampaign, publishStaffPolicy } from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

// A whole staff list (`?missing=leave`): people at the school the file no longer lists are marked
// as left, and withdrawn from open campaigns they have not signed. A file that would empty half
// the school is refused as the wrong file.

const h = useHarness();
let schoolId: string;
let campaignId: string;

const staff = (n: number) =>
  Array.from({ length: n }, (_, i) => `Staff ${i + 1},staff${i + 1}@oakfield.example.org,Teacher,staff`);
const importCsv = (rows: string[], query = '') =>
  h.request('POST', `/v1/schools/${schoolId}/people/import${query}`, {
    as: ADMIN,
    body: ['name,email,job title,role', ...rows].join('\n'),
    headers: { 'content-type': 'text/csv' },
  });
const current = async () =>
  (
    await h.sql<{ email: string }>(
      'select p.email from people p join school_memberships m on m.person_id = p.id where m.school_id = $1 and m.left_at is null order by p.email',
      [schoolId],
    )
  ).map((r) => r.email);

beforeAll(async () => {
  schoolId = (await h.request('POST', '/v1/schools', { as: ADMIN, json: { name: 'Oakfield Academy' } })).body
    .id;
  expect((await importCsv(staff(24))).status).toBe(200);
  const policyId = await publishStaffPolicy(h);
  ({ campaignId } = await launchCampaign(h, { policyId, schoolIds: [schoolId], name: 'Oakfield AUP' }));
  await deliverQueued(h, h.queue.drain());
});

describe('importing the whole staff list', () => {
  it('keeps everyone the file does not list unless asked (the default)', async () => {
    const res = await importCsv(staff(20));
    expect(res.status).toBe(200);
    expect(res.body.left).toEqual([]);
    expect(await current()).toHaveLength(24);
  });

  it('marks the unlisted as left and withdraws them, but not someone whose row was rejected', async () => {
    // Staff 23 and 24 are gone; Staff 22's row has a bad role (rejected), so they are still listed.
    const rows = [...staff(21), 'Staff 22,staff22@oakfield.example.org,Teacher,Headmaster'];
    const res = await importCsv(rows, '?missing=leave');
    expect(res.status).toBe(200);
    expect(res.body.summary).toMatchObject({ unchanged: 21, rejected: 1 });
    expect(res.body.left.map((p: { email: string }) => p.email)).toEqual([
      'staff23@oakfield.example.org',
      'staff24@oakfield.example.org',
    ]);
    expect(await current()).toHaveLength(22);
    const recipients = await h.sql<{ email: string; status: string }>(
      "select email, status from recipients where campaign_id = $1 and status = 'withdrawn' order by email",
      [campaignId],
    );
    expect(recipients).toEqual([
      { email: 'staff23@oakfield.example.org', status: 'withdrawn' },
      { email: 'staff24@oakfield.example.org', status: 'withdrawn' },
    ]);
    const [audit] = await h.sql<{ summary: string }>(
      "select summary from audit_log where action = 'people.imported' order by created_at desc, id desc limit 1",
    );
    expect(audit!.summary).toContain('2 marked as left');

    // The same list again: nobody else leaves, nothing is written.
    const again = await importCsv(rows, '?missing=leave');
    expect(again.body.left).toEqual([]);
    expect(await current()).toHaveLength(22);
  });

  it('refuses a file that would mark more than half the school as left, changing nothing', async () => {
    const before = await current();
    const res = await importCsv(staff(3), '?missing=leave');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/would mark 19 of the 22 people at Oakfield Academy as left/);
    expect(await current()).toEqual(before);
  });

  it('refuses an unknown value for missing', async () => {
    expect((await importCsv(staff(1), '?missing=delete')).status).toBe(400);
  });
});
