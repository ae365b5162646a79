import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, deliverQueued, type Harness, publishStaffPolicy, startHarness } from '../testing/harness.ts';

// Names are typed by admins and signers and come back out in spreadsheets, pages and emails. Each
// of these payloads must come out harmless: defused in CSV (no formula runs when the file is
// opened), escaped in HTML, and as one clean header line in mail (no header can be added).

const FORMULA = '=HYPERLINK("http://x")';
const MARKUP = '<img src=x onerror=alert(1)>';
const HEADER = 'A\r\nBcc: x@example.org';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

describe('injection round trip', () => {
  it('defuses names in the CSV, escapes them in emails, and keeps every mail header on one line', async () => {
    const school = await h.request('POST', '/v1/schools', { as: ADMIN, json: { name: `${HEADER} Academy` } });
    expect(school.status).toBe(201);
    const schoolId = school.body.id as string;
    const people = [
      { name: FORMULA, email: 'formula@example.org', jobTitle: MARKUP },
      { name: MARKUP, email: 'markup@example.org', jobTitle: FORMULA },
      { name: HEADER, email: 'header@example.org', jobTitle: null },
    ];
    for (const p of people) {
      const added = await h.request('POST', '/v1/people', {
        as: ADMIN,
        json: { ...p, schoolId, role: 'staff' },
      });
      expect(added.status).toBe(201);
    }
    const policyId = await publishStaffPolicy(h);
    const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const campaign = await h.request('POST', '/v1/campaigns', {
      as: ADMIN,
      json: {
        name: `${FORMULA} ${MARKUP}`,
        policyId,
        schoolIds: [schoolId],
        audiences: ['staff'],
        dueAt,
        message: MARKUP,
      },
    });
    expect(campaign.status).toBe(201);
    h.stack.mail.clear();
    expect((await h.request('POST', `/v1/campaigns/${campaign.body.id}/launch`, { as: ADMIN })).status).toBe(
      202,
    );
    await deliverQueued(h, h.queue.drain());

    const mail = h.stack.mail.messages();
    expect(mail).toHaveLength(3);
    for (const m of mail) {
      for (const header of [m.subject, m.from, ...m.to]) expect(header).not.toMatch(/[\r\n]/);
      expect(m.from).not.toMatch(/Bcc:.*<.*>.*</);
      expect(m.html).not.toContain('<img src=x');
      expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }

    // Each signs, typing the same payloads as their name.
    for (const m of mail) {
      const token = /\/sign\/([A-Za-z0-9_-]{43})/.exec(m.text ?? '')![1]!;
      const page = await h.request('GET', `/v1/sign/${token}`);
      const signed = await h.request('POST', `/v1/sign/${token}`, {
        json: { typedName: page.body.person.name, jobTitle: MARKUP, statements: page.body.statements },
      });
      expect(signed.status).toBe(200);
    }
    const receipts = h.stack.mail.messages().filter((m) => m.subject.startsWith('Your signed copy'));
    expect(receipts).toHaveLength(3);
    for (const m of receipts) {
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.html).not.toContain('<img src=x');
    }

    const csv = await h.request('GET', `/v1/campaigns/${campaign.body.id}/signatures.csv`, { as: ADMIN });
    expect(csv.status).toBe(200);
    // A cell a spreadsheet would run as a formula starts with = + - or @: every such cell is quoted
    // text with a leading apostrophe, so it shows as written and runs nothing.
    const cells = csv.text.match(/(?<=^|,)("(?:[^"]|"")*"|[^,\r\n]*)/gm) ?? [];
    for (const cell of cells) {
      const value = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
      expect(value, cell).not.toMatch(/^[=+\-@]/);
    }
    expect(csv.text).toContain(`"'${FORMULA.replace(/"/g, '""')}"`);
  });
});
