import { describe, expect, it } from 'vitest';
import { ADMIN, demoIds, MOORTHORPE_HEAD, OTHER_ADMIN, tableCounts } from '../../testing/harness.ts';
import { useHarness } from '../../testing/use-harness.ts';

const h = useHarness();
const castleLane = demoIds.school('pennine', 'castle-lane');

const importCsv = (schoolId: string, csv: string, as = ADMIN, type = 'text/csv') =>
  h.request('POST', `/v1/schools/${schoolId}/people/import`, {
    as,
    body: csv,
    headers: { 'content-type': type },
  });

describe('staff-list import: happy', () => {
  it('adds, updates and rejects row by row, handling a BOM, quoted commas, CRLF and blank lines', async () => {
    const existing = (await h.request('GET', `/v1/people?schoolId=${castleLane}&limit=1`, { as: ADMIN })).body
      .data[0];
    const csv = [
      '\uFEFFFull Name,E-mail Address,Job Title,Role',
      '"Quinn, Nadia",nadia.quinn@castlelane.example.org,"Teacher, Year 3",staff',
      '',
      `${existing.name},${existing.email.toUpperCase()},Assistant Head,staff`,
      'Bad Row,j.smith@,Teacher,staff',
      'Gov Person,gov.person@example.org,,Governor',
      'Dup Person,NADIA.QUINN@castlelane.example.org,,staff',
      '',
    ].join('\r\n');
    const res = await importCsv(castleLane, csv);
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 5, added: 2, updated: 1, unchanged: 0, rejected: 2 });
    expect(res.body.rows).toEqual([
      {
        row: 2,
        status: 'added',
        name: 'Quinn, Nadia',
        email: 'nadia.quinn@castlelane.example.org',
        errors: [],
      },
      { row: 4, status: 'updated', name: existing.name, email: existing.email, errors: [] },
      {
        row: 5,
        status: 'rejected',
        name: 'Bad Row',
        email: 'j.smith@',
        errors: ["'j.smith@' is not an email address"],
      },
      { row: 6, status: 'added', name: 'Gov Person', email: 'gov.person@example.org', errors: [] },
      {
        row: 7,
        status: 'rejected',
        name: 'Dup Person',
        email: 'nadia.quinn@castlelane.example.org',
        errors: ['NADIA.QUINN@castlelane.example.org is already on row 2 of this file'],
      },
    ]);
    const [nadia] = await h.sql<{ name: string; job_title: string }>(
      "select name, job_title from people where email = 'nadia.quinn@castlelane.example.org'",
    );
    expect(nadia).toEqual({ name: 'Quinn, Nadia', job_title: 'Teacher, Year 3' });
    const [updated] = await h.sql<{ job_title: string }>('select job_title from people where id = $1', [
      existing.id,
    ]);
    expect(updated?.job_title).toBe('Assistant Head');
    const [gov] = await h.sql<{ role: string }>(
      "select m.role from school_memberships m join people p on p.id = m.person_id where p.email = 'gov.person@example.org'",
    );
    expect(gov?.role).toBe('governor');

    // The same file again changes nothing at all: not a row, not a timestamp, not the audit log.
    const before = await tableCounts(h);
    const again = await importCsv(castleLane, csv);
    expect(again.body.summary).toEqual({ total: 5, added: 0, updated: 0, unchanged: 3, rejected: 2 });
    expect(await tableCounts(h)).toEqual(before);
  });

  it('brings back someone who had left when the new list names them', async () => {
    const person = (await h.request('GET', `/v1/people?schoolId=${castleLane}&limit=1`, { as: ADMIN })).body
      .data[0];
    await h.request('POST', `/v1/people/${person.id}/leave`, { as: ADMIN, json: { schoolId: castleLane } });
    const res = await importCsv(
      castleLane,
      `name,email,job title\n${person.name},${person.email},${person.jobTitle}\n`,
    );
    expect(res.body.rows[0].status).toBe('updated');
    const back = await h.request('GET', `/v1/people/${person.id}`, { as: ADMIN });
    expect(
      back.body.memberships.find((m: { schoolId: string }) => m.schoolId === castleLane).leftAt,
    ).toBeNull();
  });

  it('imports 5,000 rows in one request', async () => {
    const school = await h.request('POST', '/v1/schools', {
      as: ADMIN,
      json: { name: 'Big Secondary Academy', phase: 'secondary' },
    });
    const lines = ['name,email,job title,role'];
    for (let i = 0; i < 5000; i++)
      lines.push(
        `Person ${i},person${i}@big.example.org,Teacher ${i % 40},${i % 10 === 0 ? 'governor' : 'staff'}`,
      );
    const res = await importCsv(school.body.id, lines.join('\n'));
    expect(res.status).toBe(200);
    expect(res.body.summary).toEqual({ total: 5000, added: 5000, updated: 0, unchanged: 0, rejected: 0 });
    const read = await h.request('GET', `/v1/schools/${school.body.id}`, { as: ADMIN });
    expect(read.body.counts.active).toBe(5000);
    const again = await importCsv(school.body.id, lines.join('\n'));
    expect(again.body.summary.unchanged).toBe(5000);
  });
});

describe('staff-list import: error', () => {
  it('refuses a file whose header has no name or email column, saying what it found', async () => {
    const before = await tableCounts(h);
    const res = await importCsv(castleLane, 'colour,size\nred,9\n');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('"colour", "size"');
    expect(await tableCounts(h)).toEqual(before);
  });

  it('refuses something that is not CSV with 415', async () => {
    const res = await importCsv(castleLane, '{"rows": []}', ADMIN, 'application/json');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an unclosed quote with the line it starts on', async () => {
    const res = await importCsv(castleLane, 'name,email\n"Jo,jo@example.org\n');
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('line 2');
  });
});

describe('staff-list import: security', () => {
  it("answers 404 for another trust's school and for a head's neighbour school, writing nothing", async () => {
    const before = await tableCounts(h);
    const csv = 'name,email\nIntruder,intruder@example.org\n';
    expect((await importCsv(castleLane, csv, OTHER_ADMIN)).status).toBe(404);
    expect((await importCsv(castleLane, csv, MOORTHORPE_HEAD)).status).toBe(404);
    expect(await tableCounts(h)).toEqual(before);
  });
});
