import { type LocalStack, startLocalStack } from '@attest/devstack/local-stack';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { castleLaneDraft, localApiAs } from '../support/local-api.ts';

// "Run again" in a real browser, with JavaScript off: from a sent campaign's page to next year's
// draft, through an ordinary form that suggests the name and the due date.

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startLocalStack({
    web: true,
    stateDir: `/tmp/attest-browser-rerun-${process.pid}-${Date.now()}`,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('running a campaign again in Chromium', () => {
  it('makes next year’s draft from the campaign page without JavaScript, and lands on its review step', async () => {
    const api = await localApiAs(stack, 'alex.morgan@pennine-trust.example.org');
    const { campaignId, dueAt } = await castleLaneDraft(api, 'Castle Lane AUP 2026/27');
    expect((await api(`/v1/campaigns/${campaignId}/launch`, { method: 'POST' })).status).toBe(202);

    // Sign in with scripts on (the dev sign-in page needs them), then carry the session to a
    // context with JavaScript off.
    const withJs = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const signIn = await withJs.newPage();
    await signIn.goto(`${stack.webUrl}/sign-in`);
    await signIn.getByRole('button', { name: 'Sign in as Alex Morgan' }).click();
    await signIn.getByTestId('trust-name').first().waitFor({ state: 'attached' });
    await signIn.goto(`${stack.webUrl}/campaigns/${campaignId}/rerun`, { waitUntil: 'networkidle' });
    expect(await axeViolations(signIn)).toEqual([]);
    const noJs = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 1280, height: 900 },
      storageState: await withJs.storageState(),
    });
    await withJs.close();

    const page = await noJs.newPage();
    await page.goto(`${stack.webUrl}/campaigns/${campaignId}`);
    await page.getByTestId('rerun-campaign').click();
    await page.getByTestId('campaign-rerun-form').waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Castle Lane AUP 2027/28');
    const nextYear = await page.getByLabel('Due date', { exact: true }).inputValue();
    expect(nextYear.slice(0, 4)).toBe(String(Number(dueAt.slice(0, 4)) + 1));

    // A blank due date is refused next to the field, and nothing is made.
    await page.getByLabel('Due date', { exact: true }).fill('');
    await page.getByTestId('campaign-rerun').click();
    await page.getByTestId('campaign-rerun-form').waitFor();
    expect(await page.locator('#field-dueAt-error').textContent()).toContain('Enter the date');

    await page.getByLabel('Due date', { exact: true }).fill(nextYear);
    await page.getByTestId('campaign-rerun').click();
    await page.getByTestId('campaign-review-step').waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toMatch(/^\/campaigns\/[0-9a-f-]{36}$/);
    expect(url.pathname).not.toBe(`/campaigns/${campaignId}`);
    const draft = await api(url.pathname.replace('/campaigns', '/v1/campaigns'));
    expect(draft.body).toMatchObject({
      name: 'Castle Lane AUP 2027/28',
      status: 'draft',
      dueAt: nextYear,
      previousCampaignId: campaignId,
    });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Castle Lane AUP 2027/28');
    await noJs.close();
  });
});
