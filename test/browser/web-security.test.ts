import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type LocalStack, repoRoot, startLocalStack } from '@attest/devstack/local-stack';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { localApiAs } from '../support/local-api.ts';

// The web app's doors, found from its own files so a new form or download is covered without an
// edit here: every form action refuses a cross-origin POST (SvelteKit's CSRF check, which stays
// on), and every download under the signed-in area refuses a request without a session.

const routesDir = join(repoRoot, 'apps/web/src/routes');
const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const SAMPLE_TOKEN = 'A'.repeat(43);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** `(admin)/(app)/campaigns/[id]/+page.server.ts` → `/campaigns/<id>`. */
function urlPath(file: string) {
  const dir = relative(routesDir, file).split('/').slice(0, -1);
  const parts = dir
    .filter((p) => !/^\(.*\)$/.test(p))
    .map((p) => (p === '[token]' ? SAMPLE_TOKEN : /^\[.+\]$/.test(p) ? SAMPLE_ID : p));
  return `/${parts.join('/')}`;
}

/** Every named action (and `default`) of every page, as `{ path, action }`. */
function formActions() {
  return files(routesDir)
    .filter((f) => f.endsWith('+page.server.ts'))
    .flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const start = text.indexOf('export const actions');
      if (start < 0) return [];
      const block = text.slice(start, text.indexOf('\n};', start));
      const names = [...block.matchAll(/^ {2}(\w+)\s*[:(]/gm)].map((m) => m[1]!);
      return names.map((action) => ({ path: urlPath(file), action }));
    });
}

let stack: LocalStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startLocalStack({
    web: true,
    seedLibrary: false,
    stateDir: `/tmp/attest-browser-websec-${process.pid}-${Date.now()}`,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const post = (path: string, origin: string) =>
  fetch(`${stack.webUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'name=x',
  });

describe('web app: security', () => {
  it('refuses a cross-origin POST to every form action with 403, and lets the same POST through from itself', async () => {
    const actions = formActions();
    expect(actions.length).toBeGreaterThan(20);
    const posts = [
      ...actions.map(({ path, action }) => (action === 'default' ? path : `${path}?/${action}`)),
      '/sign-out',
    ];
    for (const path of posts) {
      const foreign = await post(path, 'https://evil.example');
      expect({ path, status: foreign.status }).toEqual({ path, status: 403 });
      // Same request from the app's own origin: past the check (a redirect to sign in, a form
      // error, a 404 for the sample id), so the 403 above was the origin check and nothing else.
      const own = await post(path, stack.webUrl!);
      expect({ path, refused: own.status === 403 }).toEqual({ path, refused: false });
    }
  });

  it('refuses every download of the signed-in area without a session', async () => {
    const downloads = files(join(routesDir, '(admin)'))
      .filter((f) => f.endsWith('+server.ts') && /export const GET/.test(readFileSync(f, 'utf8')))
      .map(urlPath);
    expect(downloads.length).toBeGreaterThanOrEqual(3);
    for (const path of downloads) {
      const res = await fetch(`${stack.webUrl}${path}`, { redirect: 'manual' });
      expect({ path, status: res.status }).toEqual({ path, status: 303 });
      expect(res.headers.get('location')).toMatch(/^\/sign-in/);
      expect(res.headers.get('content-type') ?? '').not.toMatch(/pdf|csv/);
    }
  });

  it('shows names made of markup as text on the pages, running nothing', async () => {
    const MARKUP = '<img src=x onerror="window.__pwned=1">';
    const api = await localApiAs(stack, 'alex.morgan@pennine-trust.example.org');
    const schools = (await api('/v1/schools')).body.data as { id: string; name: string }[];
    const schoolId = schools.find((school) => school.name === 'Castle Lane Primary School')!.id;
    const added = await api('/v1/people', {
      method: 'POST',
      body: JSON.stringify({
        name: MARKUP,
        email: 'markup.person@example.org',
        schoolId,
        role: 'staff',
        jobTitle: MARKUP,
      }),
    });
    expect(added.status).toBe(201);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.webUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in as Alex Morgan' }).click();
    await page.getByTestId('trust-name').first().waitFor({ state: 'attached' });
    for (const path of [`/people?q=markup.person`, `/people/${added.body.id}`]) {
      await page.goto(`${stack.webUrl}${path}`, { waitUntil: 'networkidle' });
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await page.getByText(MARKUP).first().isVisible()).toBe(true);
    }
    await context.close();
  });
});
