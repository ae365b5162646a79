import { describe, expect, it } from 'vitest';
import { ADMIN, demoIds, MOORTHORPE_HEAD, OTHER_ADMIN, tableCounts } from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

const h = useHarness();
const moorthorpe = demoIds.school('pennine', 'moorthorpe');
const stMichaels = demoIds.school('pennine', 'st-michaels');

const post = (path: string, json: unknown, as = ADMIN) => h.request('POST', path, { as, json });

async function clause(title: string, text: string, extra: Record<string, unknown> = {}) {
  const res = await post('/v1/clauses', { category: 'passwords_access', title, text, ...extra });
  expect(res.status).toBe(201);
  return res.body;
}

describe('clause library and publishing: happy', () => {
  it('keeps one wording with variables, a school variant, and shows how it reads at each school', async () => {
    const c = await clause(
      'Passwords stay secret',
      'I will not disclose any passwords provided to me by {{school.name}}.',
    );
    expect(c.current).toMatchObject({
      version: 1,
      text: 'I will not disclose any passwords provided to me by {{school.name}}.',
    });
    const variant = await post(`/v1/clauses/${c.id}/versions`, {
      schoolId: stMichaels,
      text: 'I will never tell anyone my password, and will tell the {{school.head_title}} if I think it is known.',
    });
    expect(variant.status).toBe(201);
    expect(variant.body.variants).toEqual([expect.objectContaining({ schoolId: stMichaels, version: 1 })]);
    const preview = await post(`/v1/clauses/${c.id}/preview`, {});
    const bySchool = Object.fromEntries(
      preview.body.data.map((p: { schoolId: string; text: string }) => [p.schoolId, p.text]),
    );
    expect(bySchool[moorthorpe]).toBe(
      'I will not disclose any passwords provided to me by Moorthorpe Primary School with Inclusion Resource.',
    );
    expect(bySchool[stMichaels]).toBe(
      'I will never tell anyone my password, and will tell the Head if I think it is known.',
    );
  });

  it('composes a policy, publishes a version per school with its hash, and skips schools whose text is unchanged', async () => {
    const a = await clause(
      'Approved email',
      'I will only use the approved, secure email system for school business.',
    );
    const b = await clause('MIS data', 'I will keep personal data held on {{school.mis}} secure.');
    const created = await post('/v1/policies', {
      title: 'Staff Acceptable Use Agreement',
      audiences: ['staff', 'governor'],
      intro: ['Ask the {{school.head_title}} if anything here is unclear.'],
      sections: [{ heading: 'Email and data', clauseIds: [a.id, b.id] }],
      statements: ['I have read, understood and agree to this agreement.'],
      reviewCycleMonths: 12,
    });
    expect(created.status).toBe(201);
    expect(created.body.schools).toHaveLength(5);
    const id = created.body.id;

    // Changing the title alone leaves everything else as it was.
    const renamed = await h.request('PATCH', `/v1/policies/${id}`, {
      as: ADMIN,
      json: { title: 'Staff Acceptable Use Agreement 2026/27' },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      title: 'Staff Acceptable Use Agreement 2026/27',
      intro: ['Ask the {{school.head_title}} if anything here is unclear.'],
      statements: ['I have read, understood and agree to this agreement.'],
      reviewCycleMonths: 12,
      audiences: ['staff', 'governor'],
    });
    const preview = await h.request('GET', `/v1/policies/${id}/preview?schoolId=${moorthorpe}`, {
      as: MOORTHORPE_HEAD,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.rendered.intro).toEqual(['Ask the Head of School if anything here is unclear.']);
    expect(preview.body.canonicalText).toContain('2. I will keep personal data held on SIMS secure.');

    const published = await post(`/v1/policies/${id}/publish`, { label: '2026/27' });
    expect(published.status).toBe(200);
    expect(published.body.results).toHaveLength(5);
    expect(
      published.body.results.every(
        (r: { status: string; version: number }) => r.status === 'published' && r.version === 1,
      ),
    ).toBe(true);
    const moorHash = published.body.results.find(
      (r: { schoolId: string }) => r.schoolId === moorthorpe,
    ).sha256;
    expect(moorHash).toBe(preview.body.sha256);

    const again = await post(`/v1/policies/${id}/publish`, {});
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(Array(5).fill('unchanged'));
    const [count] = await h.sql<{ n: number }>(
      'select count(*)::int as n from policy_versions where policy_id = $1',
      [id],
    );
    expect(count?.n).toBe(5);

    // Reword one clause: only that clause shows as changed, and the new version records what changed.
    await post(`/v1/clauses/${a.id}/versions`, {
      text: 'I will only use my school email account for school business.',
    });
    const second = await post(`/v1/policies/${id}/publish`, { schoolIds: [moorthorpe] });
    expect(second.body.results).toEqual([expect.objectContaining({ status: 'published', version: 2 })]);
    const versions = await h.request('GET', `/v1/policies/${id}/versions?schoolId=${moorthorpe}`, {
      as: ADMIN,
    });
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const diff = await h.request('GET', `/v1/policy-versions/${versions.body.data[0].id}/diff`, {
      as: ADMIN,
    });
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual([
      {
        kind: 'reworded',
        clauseId: a.id,
        before: 'I will only use the approved, secure email system for school business.',
        after: 'I will only use my school email account for school business.',
      },
    ]);
    expect(diff.body.unchanged).toBe(1);

    const listed = await h.request('GET', '/v1/policies', { as: MOORTHORPE_HEAD });
    const mine = listed.body.data.find((p: { id: string }) => p.id === id);
    expect(mine.schools).toEqual([
      expect.objectContaining({
        schoolId: moorthorpe,
        versionCount: 2,
        reviewDue: false,
        current: expect.objectContaining({ version: 2 }),
      }),
    ]);
  });
});

describe('clause library and publishing: error', () => {
  it('refuses a clause naming an unknown variable, saying which, and writes nothing', async () => {
    const before = await tableCounts(h);
    const res = await post('/v1/clauses', {
      category: 'email_communication',
      title: 'x',
      text: 'Tell the {{school.headteacher}}.',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('{{school.headteacher}}');
    expect(await tableCounts(h)).toEqual(before);
  });

  it('refuses a policy that names clauses outside the library', async () => {
    const res = await post('/v1/policies', {
      title: 'Bad',
      audiences: ['staff'],
      sections: [{ heading: null, clauseIds: ['00000000-0000-4000-8000-000000000000'] }],
    });
    expect(res.status).toBe(422);
  });

  it('refuses to rewrite a published version or a clause wording, even from inside the database', async () => {
    const [published] = await h.sql<{ n: number }>('select count(*)::int as n from policy_versions');
    expect(published?.n).toBeGreaterThan(0);
    await expect(h.sql("update policy_versions set canonical_text = 'forged'")).rejects.toThrow(/immutable/);
    await expect(h.sql('delete from clause_versions')).rejects.toThrow(/immutable/);
  });
});

describe('clause library and publishing: security', () => {
  it('lets heads read the library but not change it', async () => {
    expect((await h.request('GET', '/v1/clauses', { as: MOORTHORPE_HEAD })).status).toBe(200);
    const res = await post('/v1/clauses', { category: 'copyright', title: 'x', text: 'y' }, MOORTHORPE_HEAD);
    expect(res.status).toBe(403);
  });

  it('shows another trust none of our clauses, policies or versions', async () => {
    const ours = (await h.request('GET', '/v1/clauses', { as: ADMIN })).body.data[0];
    expect((await h.request('GET', `/v1/clauses/${ours.id}`, { as: OTHER_ADMIN })).status).toBe(404);
    expect((await h.request('GET', '/v1/clauses', { as: OTHER_ADMIN })).body.data).toEqual([]);
    const policy = (await h.request('GET', '/v1/policies', { as: ADMIN })).body.data[0];
    expect((await h.request('GET', `/v1/policies/${policy.id}`, { as: OTHER_ADMIN })).status).toBe(404);
    const version = policy.schools[0].current.id;
    expect((await h.request('GET', `/v1/policy-versions/${version}`, { as: OTHER_ADMIN })).status).toBe(404);
    const publish = await post(`/v1/policies/${policy.id}/publish`, {}, OTHER_ADMIN);
    expect(publish.status).toBe(404);
  });
});
