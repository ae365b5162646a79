import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sameWording } from '@attest/core/policy/index';
import { demoTrusts } from '@attest/db/seed/index';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { makeDocx } from '../../testing/docx.ts';
import { ADMIN, type Harness, MOORTHORPE_HEAD, OTHER_ADMIN, tableCounts } from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

// The five real seed policies, imported, consolidated, built into the library and rendered back:
// each school's new policy must read as the policy it imported, clause for clause, word for word
// (spelling variants such as "on-line" and "online" are one word).

const seedDir = fileURLToPath(
  new URL('../../../../../packages/core/src/policy/fixtures/seeds/', import.meta.url),
);
const pennine = demoTrusts.find((t) => t.key === 'pennine')!;

const h = useHarness();
const importIds: string[] = [];

interface Clause {
  text: string;
  children: Clause[];
}
const flatten = (clauses: Clause[]): string[] => clauses.flatMap((c) => [c.text, ...flatten(c.children)]);

describe('importing existing policies: happy', () => {
  it('reads each seed school’s policy (pasted text, a .txt upload and a .docx upload)', async () => {
    for (const [i, school] of pennine.schools.entries()) {
      const text = readFileSync(`${seedDir}${school.seedPolicy}`, 'utf8');
      const schoolId = h.ids.school('pennine', school.key);
      let res: Awaited<ReturnType<Harness['request']>>;
      if (i === 1) {
        const form = new FormData();
        form.set('file', new File([text], 'castle-lane-aup.txt', { type: 'text/plain' }));
        form.set('schoolId', schoolId);
        res = await h.request('POST', '/v1/imports', { as: ADMIN, body: form });
      } else if (i === 2) {
        const form = new FormData();
        const docx = await makeDocx(text.split(/\r?\n/));
        form.set(
          'file',
          new File([docx as Uint8Array<ArrayBuffer>], 'Moorthorpe AUP.docx', {
            type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          }),
        );
        form.set('schoolId', schoolId);
        res = await h.request('POST', '/v1/imports', { as: ADMIN, body: form });
      } else {
        res = await h.request('POST', '/v1/imports', {
          as: ADMIN,
          json: { text, filename: school.seedPolicy, schoolId },
        });
      }
      expect(res.status, school.name).toBe(201);
      expect(res.body.schoolName).toBe(school.name);
      importIds.push(res.body.id);
    }
    const list = await h.request('GET', '/v1/imports', { as: ADMIN });
    expect(
      list.body.data.map((i: { clauseCount: number }) => i.clauseCount).sort((a: number, b: number) => a - b),
    ).toEqual([16, 19, 23, 30, 47]);
    const stMichaels = await h.request('GET', `/v1/imports/${importIds[4]}`, { as: ADMIN });
    expect(stMichaels.body.parsed.metadata).toMatchObject({ author: 'S Peers', reviewCycle: '3 years' });
    expect(stMichaels.body.parsed.signature.fields).toEqual(['signature', 'date', 'fullName', 'jobTitle']);
  });

  it('groups the same duty across schools, with a trust-wide proposal using variables', async () => {
    const res = await h.request('POST', '/v1/imports/consolidate', { as: ADMIN, json: { importIds } });
    expect(res.status).toBe(200);
    const passwords = res.body.groups.find(
      (g: { members: { text: string }[] }) =>
        g.members.length >= 4 && g.members.every((m) => /password/i.test(m.text)),
    );
    expect(passwords).toBeDefined();
    expect(passwords.category).toBe('passwords_access');
    expect(
      res.body.groups.some((g: { proposal: string }) => /\{\{school\.[a-z_]+\}\}/.test(g.proposal)),
    ).toBe(true);
    expect(res.body.unique.length).toBeGreaterThan(0);
  });

  it("builds the library and each school's policy, which renders back to what the school imported", async () => {
    const res = await h.request('POST', '/v1/imports/accept', { as: ADMIN, json: { importIds } });
    expect(res.status).toBe(200);
    expect(res.body.policies).toHaveLength(5);
    expect(res.body.trustClauses).toBeGreaterThan(10);
    for (const policy of res.body.policies) {
      const imp = (
        await h.request(
          'GET',
          `/v1/imports/${importIds[pennine.schools.findIndex((s) => s.name === policy.schoolName)]}`,
          { as: ADMIN },
        )
      ).body;
      const preview = await h.request(
        'GET',
        `/v1/policies/${policy.id}/preview?schoolId=${policy.schoolId}`,
        { as: ADMIN },
      );
      expect(preview.status).toBe(200);
      const rendered = preview.body.rendered;
      expect(rendered.title, policy.schoolName).toBe(imp.parsed.title);
      const importedSections = imp.parsed.sections.filter(
        (s: { clauses: unknown[] }) => s.clauses.length > 0,
      );
      expect(
        rendered.sections.map((s: { heading: string | null }) => s.heading),
        policy.schoolName,
      ).toEqual(importedSections.map((s: { heading: string | null }) => s.heading));
      const renderedClauses = flatten(rendered.sections.flatMap((s: { clauses: Clause[] }) => s.clauses));
      const importedClauses = flatten(importedSections.flatMap((s: { clauses: Clause[] }) => s.clauses));
      expect(renderedClauses, policy.schoolName).toHaveLength(importedClauses.length);
      renderedClauses.forEach((text, i) => {
        expect(sameWording(text, importedClauses[i] ?? ''), `${policy.schoolName}: ${text}`).toBe(true);
      });
      expect(rendered.statements).toEqual(imp.parsed.signature.statements);
    }
    // St Michael's reviews every three years, as its metadata said.
    const stMichaels = res.body.policies.find((p: { schoolName: string }) =>
      p.schoolName.startsWith('St Michael'),
    );
    expect(
      (await h.request('GET', `/v1/policies/${stMichaels.id}`, { as: ADMIN })).body.reviewCycleMonths,
    ).toBe(36);
  });

  it('keeps no school wording that differs from the trust wording only in spelling', async () => {
    const clauses = (await h.request('GET', '/v1/clauses', { as: ADMIN })).body.data as {
      schoolId: string | null;
      current: { text: string } | null;
      variants: { schoolName: string; text: string }[];
    }[];
    // "I will not engage in any online activity…" (Castle Lane) and "…any on-line activity…"
    // (Barton St Peter's) are one trust clause, and Barton St Peter's has no own wording of it.
    const online = clauses.filter(
      (c) =>
        c.schoolId === null &&
        /engage in any on-?line activity that may compromise my professional responsibilities/.test(
          c.current?.text ?? '',
        ),
    );
    expect(online).toHaveLength(1);
    expect(online[0]?.variants.map((v) => v.schoolName)).not.toContain("Barton St Peter's CE Primary School");
    for (const c of clauses)
      for (const v of c.variants) expect(sameWording(v.text, c.current?.text ?? ''), v.text).toBe(false);
  });

  it('publishes the built policies, one version per school', async () => {
    const policies = (await h.request('GET', '/v1/policies', { as: ADMIN })).body.data;
    for (const p of policies) {
      const res = await h.request('POST', `/v1/policies/${p.id}/publish`, {
        as: ADMIN,
        json: { label: '2026/27' },
      });
      expect(res.body.results).toEqual([expect.objectContaining({ status: 'published', version: 1 })]);
    }
  });

  it('records the import in the audit log in words, one of a thing in the singular', async () => {
    const [built] = await h.sql<{ summary: string }>(
      "select summary from audit_log where action = 'library.built_from_imports' order by created_at",
    );
    expect(built?.summary).toMatch(
      /^Built the library from 5 imported policies: \d+ clauses, \d+ school wordings, 5 policies$/,
    );
    const one = await h.request('POST', '/v1/imports', {
      as: ADMIN,
      json: {
        text: 'Visitors\n- I will sign in at reception.',
        filename: 'visitors.txt',
        schoolId: h.ids.school('pennine', 'hollin-bank'),
      },
    });
    expect(one.status).toBe(201);
    await h.request('POST', '/v1/imports/accept', { as: ADMIN, json: { importIds: [one.body.id] } });
    const summaries = (
      await h.sql<{ summary: string }>('select summary from audit_log order by created_at desc limit 2')
    ).map((r) => r.summary);
    expect(summaries).toEqual([
      'Built the library from 1 imported policy: 1 clause, 0 school wordings, 1 policy',
      'Imported visitors.txt for Hollin Bank Primary School: 1 clause',
    ]);
  });
});

describe('importing existing policies: error', () => {
  it('refuses to build the same imports twice, and writes nothing', async () => {
    const before = await tableCounts(h);
    const res = await h.request('POST', '/v1/imports/accept', { as: ADMIN, json: { importIds } });
    expect(res.status).toBe(409);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('refuses a .docx that would inflate past 20 MB before inflating it, writing nothing', async () => {
    // A zip bomb: 60 MB of zeros in a Word document that is a few tens of KB on the wire.
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
    zip.file(
      'word/document.xml',
      '<w:document><w:body><w:p><w:r><w:t>I will.</w:t></w:r></w:p></w:body></w:document>',
    );
    zip.file('word/media/padding.bin', new Uint8Array(60 * 1024 * 1024));
    const bomb = await zip.generateAsync({
      type: 'uint8array',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024);
    const before = await tableCounts(h);
    const form = new FormData();
    form.set(
      'file',
      new File([bomb as Uint8Array<ArrayBuffer>], 'AUP.docx', {
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      }),
    );
    const res = await h.request('POST', '/v1/imports', { as: ADMIN, body: form });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toMatch(/unpack to more than 20 MB/);
    expect(await tableCounts(h)).toEqual(before);
  });

  it('refuses other file types, oversized files and documents without clauses, saying why', async () => {
    const pdf = new FormData();
    pdf.set('file', new File(['%PDF-1.4'], 'policy.pdf', { type: 'application/pdf' }));
    const a = await h.request('POST', '/v1/imports', { as: ADMIN, body: pdf });
    expect(a.status).toBe(415);
    expect(a.body.error.message).toContain('.docx');
    const big = new FormData();
    big.set('file', new File(['x'.repeat(2 * 1024 * 1024 + 10)], 'huge.txt', { type: 'text/plain' }));
    expect((await h.request('POST', '/v1/imports', { as: ADMIN, body: big })).status).toBe(413);
    const empty = await h.request('POST', '/v1/imports', {
      as: ADMIN,
      json: { text: 'Just a heading\n\nNo rules here.', filename: 'x.txt' },
    });
    expect(empty.status).toBe(422);
    const broken = new FormData();
    broken.set('file', new File(['not a zip'], 'broken.docx'));
    expect((await h.request('POST', '/v1/imports', { as: ADMIN, body: broken })).status).toBe(422);
  });

  it('refuses to build from an import that is not linked to a school', async () => {
    const text = readFileSync(`${seedDir}000_345f0ee073212fb9.txt`, 'utf8');
    const orphan = await h.request('POST', '/v1/imports', {
      as: ADMIN,
      json: { text, filename: 'unlinked.txt' },
    });
    const res = await h.request('POST', '/v1/imports/accept', {
      as: ADMIN,
      json: { importIds: [orphan.body.id] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('unlinked.txt is not linked to a school');
  });
});

describe('importing existing policies: security', () => {
  it("keeps imports to trust admins and answers another trust's imports with 404", async () => {
    expect((await h.request('GET', '/v1/imports', { as: MOORTHORPE_HEAD })).status).toBe(403);
    expect((await h.request('GET', `/v1/imports/${importIds[0]}`, { as: OTHER_ADMIN })).status).toBe(404);
    const res = await h.request('POST', '/v1/imports/consolidate', { as: OTHER_ADMIN, json: { importIds } });
    expect(res.status).toBe(404);
  });
});
