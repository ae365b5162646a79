import { type LocalStack, startLocalStack } from '@attest/devstack/local-stack';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';

// A trust admin in a real browser against the whole local stack: SvelteKit (vite dev), the API
// under wrangler dev, the dev stack's identity issuer and PGlite.

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startLocalStack({ web: true, stateDir: `/tmp/attest-browser-${process.pid}-${Date.now()}` });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${stack.webUrl}/sign-in`);
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.getByTestId('trust-name').first().waitFor({ state: 'attached' });
  return page;
}

async function importStaffList(page: Page, csv: string) {
  await page.getByRole('link', { name: 'Schools' }).first().click();
  await page.getByRole('link', { name: 'Moorthorpe Primary School with Inclusion Resource' }).first().click();
  await page
    .getByRole('heading', { name: 'Moorthorpe Primary School with Inclusion Resource' })
    .first()
    .waitFor();
  await page
    .getByRole('link', { name: /Import staff list/ })
    .first()
    .click();
  await page
    .getByLabel('Staff list (CSV file)')
    .setInputFiles({ name: 'staff.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByTestId('import-report').waitFor();
}

describe('admin console in Chromium', () => {
  it('signs in as a trust admin, opens a school, and imports a CSV whose bad row is explained', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'Alex Morgan');
    await expect(page.getByTestId('trust-name').first().textContent()).resolves.toContain(
      'Pennine Learning Trust',
    );

    await importStaffList(
      page,
      'name,email,job title,role\nBrowser Tester,browser.tester@moorthorpe.example.org,Class Teacher,staff\nBad Row,j.smith@,Teacher,staff\n',
    );
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain(
      '2 rows: 1 added, 0 updated, 0 unchanged, 1 rejected',
    );
    const bad = page.getByTestId('import-row-3');
    expect(await bad.getAttribute('data-status')).toBe('rejected');
    expect(await bad.textContent()).toContain("'j.smith@' is not an email address");
    expect(await page.getByTestId('import-row-2').getAttribute('data-status')).toBe('added');

    // The person is really there: on the school's page, and in the database.
    await page
      .getByRole('link', { name: 'Moorthorpe Primary School with Inclusion Resource' })
      .first()
      .click();
    await page.getByText('Browser Tester').first().waitFor();
    const rows = await stack.devstack.pg.query(
      "select count(*)::int as n from people where email = 'browser.tester@moorthorpe.example.org'",
    );
    expect(rows.rows[0].n).toBe(1);
    await context.close();
  });

  it('imports a whole staff list: the person it no longer lists is marked as left', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, 'Alex Morgan');
    const { rows } = await stack.devstack.pg.query(
      `select distinct on (p.id) p.name, p.email, m.role from people p join school_memberships m on m.person_id = p.id
         join schools s on s.id = m.school_id
        where s.name = 'Moorthorpe Primary School with Inclusion Resource' and m.left_at is null order by p.id`,
    );
    const [gone, ...staying] = rows as { name: string; email: string; role: string }[];
    const csv = ['name,email,role', ...staying.map((r) => `"${r.name}",${r.email},${r.role}`)].join('\n');
    await page.getByRole('link', { name: 'Schools' }).first().click();
    await page
      .getByRole('link', { name: 'Moorthorpe Primary School with Inclusion Resource' })
      .first()
      .click();
    await page
      .getByRole('link', { name: /Import staff list/ })
      .first()
      .click();
    await page
      .getByLabel('Staff list (CSV file)')
      .setInputFiles({ name: 'whole-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel(/whole staff list/).check();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByTestId('import-left').waitFor();
    expect(await page.getByTestId('import-summary').textContent()).toContain('1 marked as left');
    expect(await page.getByTestId('import-left').textContent()).toContain(gone!.name);
    const left = await stack.devstack.pg.query(
      `select count(*)::int as n from school_memberships m join people p on p.id = m.person_id
        where p.email = $1 and m.left_at is null`,
      [gone!.email],
    );
    expect(left.rows[0].n).toBe(0);
    await context.close();
  });

  it('does the same with JavaScript turned off', async () => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await signIn(context, 'Alex Morgan');
    await importStaffList(
      page,
      'name,email\nNo Script,no.script@moorthorpe.example.org\nAlso Bad,also.bad@,\n',
    );
    await expect(page.getByTestId('import-summary').textContent()).resolves.toContain('1 added');
    expect(await page.getByTestId('import-row-3').textContent()).toContain(
      "'also.bad@' is not an email address",
    );
    await context.close();
  });

  it('keeps a head to their own school', async () => {
    const context = await browser.newContext();
    const page = await signIn(context, 'Rachel Dobson');
    await page.getByRole('link', { name: 'Schools' }).first().click();
    await page
      .getByRole('link', { name: 'Moorthorpe Primary School with Inclusion Resource' })
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: 'Castle Lane Primary School' }).count()).toBe(0);
    const castleLane = (
      await stack.devstack.pg.query("select id from schools where name = 'Castle Lane Primary School'")
    ).rows[0].id;
    const res = await page.goto(`${stack.webUrl}/schools/${castleLane}`);
    expect(res?.status()).toBe(404);
    await context.close();
  });

  it('has no WCAG 2.2 AA violations on the sign-in page, a school, and an import report', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.webUrl}/sign-in`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in as Alex Morgan' }).click();
    await page.getByTestId('trust-name').first().waitFor({ state: 'attached' });
    await importStaffList(page, 'name,email\nAxe Person,axe.person@moorthorpe.example.org\nBad,bad@,\n');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
