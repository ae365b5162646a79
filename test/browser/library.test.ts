import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { leadsWithProhibition, titleProblem, verbLexicon } from '@attest/core/library/title-checks';
import { type LocalStack, startLocalStack } from '@attest/devstack/local-stack';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';

// The clause library as a trust admin meets it: the demo library (built on start from the five
// seed policies) with titles that say what each clause requires, a clause read at every school, a
// policy composed as its school reads it, previewed and published, and the import review
// comparing a newly uploaded policy.

let stack: LocalStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startLocalStack({
    web: true,
    stateDir: `/tmp/attest-browser-lib-${process.pid}-${Date.now()}`,
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await page.goto(`${stack.webUrl}/sign-in`);
  await page.getByRole('button', { name: 'Sign in as Alex Morgan' }).click();
  await page.getByTestId('trust-name').first().waitFor({ state: 'attached' });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('clause library in Chromium', () => {
  it('shows the library built from the seed policies, and how a clause reads at each school', async () => {
    await page.goto(`${stack.webUrl}/library?category=passwords_access`, { waitUntil: 'networkidle' });
    const cards = page.getByTestId('clause-card');
    expect(await cards.count()).toBeGreaterThan(0);
    // Passwords and access also holds other access rules ("…any other user's files"): open a password one.
    await cards
      .filter({ hasText: /password/i })
      .first()
      .getByRole('link')
      .first()
      .click();
    await page.getByTestId('clause-preview').waitFor();
    const rows = page.getByTestId('clause-preview-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('clause-preview').textContent()).toMatch(/password/i);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('titles every clause by what it requires: no prohibition reads as a permission, no title is cut with "…"', async () => {
    await page.goto(`${stack.webUrl}/library`, { waitUntil: 'networkidle' });
    const cards = await page.getByTestId('clause-card').evaluateAll((els) =>
      els.map((el) => ({
        title: el.querySelector('h3')?.textContent?.trim() ?? '',
        text:
          el.querySelector('[data-testid="clause-wording"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      })),
    );
    expect(cards.length).toBeGreaterThan(50);
    const verbs = verbLexicon(cards.map((c) => c.text));
    const problems = cards.flatMap(({ title, text }) => {
      const problem = titleProblem(title, text, verbs);
      return problem ? [`"${title}" ${problem} (${text.slice(0, 80)})`] : [];
    });
    expect(problems).toEqual([]);
    // The ones the issue found: they keep their "not", or name the duty.
    const titles = cards.map((c) => c.title);
    expect(titles).toContain('No unauthorised access to email and school systems');
    expect(titles).toContain('Do not open attachments from unknown senders');
    expect(titles).toContain('Do not change computer settings');
    expect(titles.filter((t) => /^(Allow|Open any|Try to)\b/.test(t))).toEqual([]);
    for (const heading of await page.locator('h1, h2, h3').allTextContents())
      expect(heading.trim()).not.toMatch(/…$/);

    // A prohibition's own page is headed by its title, whole.
    const prohibition = page
      .getByTestId('clause-card')
      .filter({ has: page.getByRole('link', { name: 'Do not change computer settings', exact: true }) });
    expect(leadsWithProhibition((await prohibition.getByTestId('clause-wording').textContent()) ?? '')).toBe(
      true,
    );
    await prohibition.getByRole('link', { name: 'Do not change computer settings', exact: true }).click();
    await page.waitForURL(/\/library\/[0-9a-f-]{36}$/);
    await page.waitForLoadState('networkidle');
    expect((await page.locator('h1').textContent())?.trim()).toBe('Do not change computer settings');
  });

  it('previews a school policy with its fingerprint and publishes it (unchanged, so no new version)', async () => {
    await page.goto(`${stack.webUrl}/policies`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('policy-row').count()).toBe(5);
    await page.getByTestId('policy-row').first().getByRole('link').first().click();
    await page.waitForLoadState('networkidle');
    // A policy one school uses is composed as its staff read it: no variables, the trust wording a click away.
    await page.getByTestId('composer-read-at').waitFor();
    expect(await page.locator('[data-testid="composer-clause-reading"] [data-variable]').count()).toBe(0);
    const trustWording = page.getByTestId('composer-trust-wording');
    expect(await trustWording.count()).toBeGreaterThan(0);
    await trustWording.first().locator('summary').click();
    expect(await trustWording.first().getAttribute('open')).not.toBeNull();
    await page.getByRole('button', { name: 'Show the preview' }).click();
    await page.getByTestId('preview-sha256').waitFor();
    expect(await page.getByTestId('preview-sha256').textContent()).toMatch(/[0-9a-f]{64}/);
    await page.waitForLoadState('networkidle');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByTestId('publish-results').waitFor();
    expect(await page.getByTestId('publish-results').textContent()).toMatch(/unchanged/i);
  });

  it('uploads a policy and shows the consolidation review side by side', async () => {
    await page.goto(`${stack.webUrl}/imports`, { waitUntil: 'networkidle' });
    const seed = readFileSync(
      fileURLToPath(
        new URL('../../packages/core/src/policy/fixtures/seeds/001_b2fb9c700ac1f6db.txt', import.meta.url),
      ),
    );
    const upload = page.getByTestId('import-upload');
    await upload.getByLabel('School', { exact: true }).selectOption({ label: 'Castle Lane Primary School' });
    await upload
      .getByLabel('Policy file')
      .setInputFiles({ name: 'castle-lane.txt', mimeType: 'text/plain', buffer: seed });
    await page.getByRole('button', { name: 'Read the policy' }).click();
    await page.getByTestId('upload-result').waitFor();
    expect(await page.getByTestId('upload-result').textContent()).toContain('Castle Lane Primary School');
    await page.waitForLoadState('networkidle');
    await page.getByTestId('compare-imports').click();
    await page.getByTestId('consolidation-review').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('consolidation-group').count()).toBeGreaterThan(5);
  });
});
