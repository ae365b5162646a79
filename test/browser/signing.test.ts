import { readPdf } from '@attest/core/pdf/testing';
import { type LocalStack, startLocalStack } from '@attest/devstack/local-stack';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../support/browser.ts';
import { castleLaneDraft, castleLanePolicy, localApiAs } from '../support/local-api.ts';

// Issue 4's core loop in a real browser: an admin sends a policy for signing at one school, the
// dev stack catches the email, a member of staff opens the link with JavaScript off, signs, and the
// campaign's page counts the signature.

/** The signer's phone, as its browser names itself; the evidence shows it as SIGNER_BROWSER. */
const SIGNER_AGENT =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const SIGNER_BROWSER = 'Chrome 131 on Android';

let stack: LocalStack;
let browser: Browser;
/** The other staff members' links from the first test's emails, for the link-problem tests. */
let otherLinks: { email: string; link: string }[] = [];
let campaignId = '';
let castleSchoolId = '';

beforeAll(async () => {
  stack = await startLocalStack({
    web: true,
    stateDir: `/tmp/attest-browser-sign-${process.pid}-${Date.now()}`,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('signing in Chromium', () => {
  it('sends for signing, signs from the emailed link without JavaScript, and the dashboard counts it', async () => {
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await admin.newPage();
    await page.goto(`${stack.webUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in as Alex Morgan' }).click();
    await page.getByTestId('trust-name').first().waitFor({ state: 'attached' });

    // Create and launch through the API as the same admin (the form flow is covered by the web
    // app's own checks); then watch it in the page.
    const api = await localApiAs(stack, 'alex.morgan@pennine-trust.example.org');
    const castle = await castleLaneDraft(api, 'Castle Lane AUP 2026/27');
    campaignId = castle.campaignId;
    castleSchoolId = castle.schoolId;
    stack.devstack.mail.clear();
    const launched = await api(`/v1/campaigns/${campaignId}/launch`, { method: 'POST' });
    expect(launched.status).toBe(202);
    let mail = stack.devstack.mail.messages();
    for (let i = 0; i < 80 && mail.length < launched.body.recipients; i++) {
      await new Promise((r) => setTimeout(r, 250));
      mail = stack.devstack.mail.messages();
    }
    expect(mail).toHaveLength(launched.body.recipients);
    const link = /https?:\/\/[^\s]+\/sign\/[A-Za-z0-9_-]{43}/.exec(mail[0]!.text ?? '')![0];
    expect(link.startsWith(stack.webUrl!)).toBe(true);
    otherLinks = mail.slice(1).map((m) => ({
      email: m.to[0]!,
      link: /https?:\/\/[^\s]+\/sign\/[A-Za-z0-9_-]{43}/.exec(m.text ?? '')![0],
    }));

    // The accessibility check needs scripts in the page to run axe; the signing itself is done
    // with JavaScript off, as on a locked-down phone.
    const checker = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await checker.goto(link);
    expect(await axeViolations(checker)).toEqual([]);
    // And the answer to Sign pressed too soon: the error summary and each field marked.
    await checker.getByTestId('sign-submit').click();
    await checker.locator('#error-summary').waitFor();
    expect(await axeViolations(checker)).toEqual([]);
    await checker.context().close();

    // A browser of the signer's own: the evidence must name it, not the web server that relayed it.
    const phone = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      userAgent: SIGNER_AGENT,
    });
    const signer = await phone.newPage();
    const response = await signer.goto(link);
    expect(response?.status()).toBe(200);
    expect(await signer.getByTestId('sign-school').textContent()).toContain('Castle Lane Primary School');
    // The full name is the signature: the box arrives empty and the signer types their own name.
    const nameBox = signer.getByLabel('Full name');
    expect(await nameBox.inputValue()).toBe('');

    // Pressing Sign with a statement left unticked: the page comes back at an error summary at the
    // top ("There is a problem"), whose links lead to each field, each marked where it is.
    const statements = signer.getByTestId('sign-statement');
    const count = await statements.count();
    for (let i = 1; i < count; i++) await statements.nth(i).check();
    await nameBox.fill('Sam Signer');
    await signer.getByTestId('sign-submit').click();
    const summary = signer.locator('#error-summary');
    await summary.waitFor();
    expect(new URL(signer.url()).hash).toBe('#error-summary');
    expect(await signer.title()).toMatch(/^Error: /);
    expect(await summary.getAttribute('role')).toBe('alert');
    expect(await summary.getByRole('heading', { level: 2 }).textContent()).toBe('There is a problem');
    expect(await signer.evaluate(() => document.querySelector('main')?.firstElementChild?.id)).toBe(
      'error-summary',
    );
    const top = await signer.evaluate(
      () => document.querySelector('#error-summary')?.getBoundingClientRect().top,
    );
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(844 / 2);
    const hrefs = await summary
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['#field-statement-0']);
    const field = signer.locator('#field-statement-0');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await signer.locator('#field-statement-0-error').textContent()).toContain(
      'This statement is not ticked',
    );
    expect(await field.isChecked()).toBe(false);
    // What was ticked is kept; the signature is not: the signer types it again.
    for (let i = 1; i < count; i++) expect(await statements.nth(i).isChecked()).toBe(true);
    expect(await nameBox.inputValue()).toBe('');
    await summary.getByRole('link').first().click();
    expect(await signer.evaluate(() => document.activeElement?.id)).toBe('field-statement-0');

    await statements.nth(0).check();
    await nameBox.fill('Sam Signer');
    await signer.getByTestId('sign-submit').click();
    await signer.getByTestId('sign-confirmation').waitFor();
    expect(await signer.getByTestId('sign-recorded-name').textContent()).toBe('Sam Signer');
    expect(await signer.getByTestId('sign-fingerprint').textContent()).toMatch(/[0-9a-f]{64}/);
    // The confirmation offers a PDF copy of what was signed: a real link, no JavaScript needed.
    const copyLink = signer.getByRole('link', { name: 'Download a copy (PDF)' });
    const copyHref = await copyLink.getAttribute('href');
    expect(copyHref).toMatch(/^\/sign\/[A-Za-z0-9_-]{43}\/copy\.pdf$/);
    const copy = await signer.request.get(new URL(copyHref!, link).toString());
    expect(copy.status()).toBe(200);
    expect(copy.headers()['content-type']).toBe('application/pdf');
    expect(copy.headers()['content-disposition']).toMatch(/^attachment; filename="signed-.+\.pdf"$/);
    expect((await copy.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await readPdf(await copy.body())).text).toContain(`Browser ${SIGNER_BROWSER}`);
    // Opening the link again shows what was signed, not the form.
    await signer.goto(link);
    expect(await signer.getByTestId('sign-confirmation').count()).toBe(1);
    expect(await signer.getByTestId('sign-form').count()).toBe(0);

    await page.goto(`${stack.webUrl}/campaigns/${campaignId}`, { waitUntil: 'networkidle' });
    expect(await page.getByTestId('campaign-counts').textContent()).toMatch(/Signed\s*1(?!\d)/);
    // The school's evidence pack, through the web app with the admin's session.
    const evidenceHref = await page.getByTestId('download-evidence').first().getAttribute('href');
    const evidence = await page.request.get(new URL(evidenceHref!, stack.webUrl!).toString());
    expect(evidence.status()).toBe(200);
    expect(evidence.headers()['content-type']).toBe('application/pdf');
    expect(evidence.headers()['content-disposition']).toMatch(
      /filename="evidence-castle-lane-primary-school-/,
    );
    expect((await readPdf(await evidence.body())).text).toContain(SIGNER_BROWSER);
    const csv = await page.request.get(`${stack.webUrl}/campaigns/${campaignId}/signatures.csv`);
    expect(csv.status()).toBe(200);
    const csvText = await csv.text();
    expect(csvText).toContain(SIGNER_AGENT);
    expect(csvText).not.toMatch(/node|undici/i);
    // And the signer's copy from the school's drill-down.
    await page.goto(`${stack.webUrl}/campaigns/${campaignId}?school=${castle.schoolId}&status=signed#people`);
    const personHref = await page.getByTestId('download-signed-copy').first().getAttribute('href');
    const personCopy = await page.request.get(new URL(personHref!, stack.webUrl!).toString());
    expect(personCopy.status()).toBe(200);
    expect(personCopy.headers()['content-type']).toBe('application/pdf');
    const receipt = stack.devstack.mail.messages().find((m) => m.subject.startsWith('Your signed copy'));
    expect(receipt).toBeDefined();
    await admin.close();
    await phone.close();
  });

  it('an expired link emails a fresh one, an unknown one asks for the address, and a question reaches the head', async () => {
    const phone = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const signer = await phone.newPage();
    const mailTo = (email: string) => stack.devstack.mail.messages().filter((m) => m.to.includes(email));
    const waitForMail = async (email: string, n: number) => {
      for (let i = 0; i < 40 && mailTo(email).length < n; i++) await new Promise((r) => setTimeout(r, 250));
      return mailTo(email);
    };

    // Expired: the page says so and offers a fresh link, which arrives and opens the form.
    const expired = otherLinks[0]!;
    const expiredToken = expired.link.split('/').at(-1)!;
    await stack.devstack.pg.query(
      "update person_links set expires_at = now() - interval '1 day' where token_hash = encode(sha256(convert_to($1, 'utf8')), 'hex')",
      [expiredToken],
    );
    const before = mailTo(expired.email).length;
    const gone = await signer.goto(expired.link);
    expect(gone?.status()).toBe(410);
    expect(await signer.getByRole('heading', { level: 1 }).textContent()).toBe('This link has expired');
    await signer.getByTestId('fresh-link-submit').click();
    await signer.getByTestId('fresh-link-sent').waitFor();
    const fresh = (await waitForMail(expired.email, before + 1))[0]!; // newest first
    expect(fresh.subject).toMatch(/^Your link to read and sign: /);
    const freshLink = /https?:\/\/[^\s]+\/sign\/[A-Za-z0-9_-]{43}/.exec(fresh.text ?? '')![0];
    expect(freshLink).not.toBe(expired.link);
    expect((await signer.goto(freshLink))?.status()).toBe(200);
    await signer.getByTestId('sign-form').waitFor();
    expect((await signer.goto(expired.link))?.status()).toBe(404);

    // Unknown: "Email me my link" takes an address and answers the same for any address.
    const unknown = await signer.goto(`${stack.webUrl}/sign/${'Z'.repeat(43)}`);
    expect(unknown?.status()).toBe(404);
    await signer.getByTestId('new-link-link').click();
    await signer.getByLabel('Email address').fill('nobody@example.org');
    await signer.getByTestId('new-link-submit').click();
    const sentText = await signer.getByTestId('new-link-sent').textContent();
    const other = otherLinks[1]!;
    await signer.goto(`${stack.webUrl}/sign/new-link`);
    await signer.getByLabel('Email address').fill(other.email);
    await signer.getByTestId('new-link-submit').click();
    expect(await signer.getByTestId('new-link-sent').textContent()).toBe(sentText);
    expect(mailTo('nobody@example.org')).toHaveLength(0);
    const again = (await waitForMail(other.email, 2))[0]!;
    expect(again.text).toContain(other.link);

    // A download that cannot be made (no signed copy before signing) explains itself in our words.
    const early = await signer.goto(`${other.link}/copy.pdf`);
    expect(early?.status()).toBe(409);
    expect(await signer.getByRole('heading', { level: 1 }).textContent()).toBe(
      'We could not get that for you',
    );
    expect(await signer.locator('main').textContent()).toContain('You have not signed this yet');

    // A question from the signing page goes to the school's head (and school admins), with the
    // signer as reply-to; the page says who.
    await signer.goto(other.link);
    await signer.getByTestId('ask-question').click();
    expect(await signer.getByTestId('question').textContent()).toContain(
      'emailed to the head and the school admins at Castle Lane Primary School',
    );
    await signer.getByLabel('Your question').fill('Can I use my own laptop for marking at home?');
    await signer.getByTestId('question-submit').click();
    expect(await signer.getByTestId('question-sent').textContent()).toContain('Castle Lane Primary School');
    const question = stack.devstack.mail
      .messages()
      .find((m) => m.subject.startsWith('Question about') && m.text?.includes('own laptop'));
    expect(question?.reply_to).toEqual([other.email]);
    expect(question?.to.length).toBeGreaterThan(0);
    await phone.close();

    // The pages a signer meets when something is wrong are as accessible as the signing page
    // (axe needs scripts in the page, so this context has JavaScript on).
    const checker = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    for (const path of [
      `/sign/${'Z'.repeat(43)}`,
      '/sign/new-link',
      `${new URL(other.link).pathname}/question`,
    ]) {
      await checker.goto(`${stack.webUrl}${path}`);
      expect({ path, violations: await axeViolations(checker) }).toEqual({ path, violations: [] });
    }
    await checker.context().close();
  });

  it('the campaign page shows the emails sent, chases once a day, lists questions and previews the email', async () => {
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await admin.newPage();
    await page.goto(`${stack.webUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in as Alex Morgan' }).click();
    await page.getByTestId('trust-name').first().waitFor({ state: 'attached' });

    await page.goto(`${stack.webUrl}/campaigns/${campaignId}?school=${castleSchoolId}`, {
      waitUntil: 'networkidle',
    });
    expect(await page.getByTestId('campaign-sending').textContent()).toMatch(/All \d+ emails sent/);
    expect(await page.getByTestId('questions').textContent()).toContain(
      'Can I use my own laptop for marking at home?',
    );

    const before = stack.devstack.mail.messages().filter((m) => m.subject.startsWith('Reminder:')).length;
    await page.getByTestId('chase-school').click();
    await page.getByTestId('chase-done').waitFor();
    expect(await page.getByTestId('chase-done').textContent()).toMatch(
      /will get a reminder with the same link/,
    );
    let reminders = stack.devstack.mail.messages().filter((m) => m.subject.startsWith('Reminder:'));
    for (let i = 0; i < 40 && reminders.length === before; i++) {
      await new Promise((r) => setTimeout(r, 250));
      reminders = stack.devstack.mail.messages().filter((m) => m.subject.startsWith('Reminder:'));
    }
    expect(reminders.length).toBeGreaterThan(before);
    // The page says when the school was last chased, and each person's last email counts reminders.
    await page.goto(`${stack.webUrl}/campaigns/${campaignId}?school=${castleSchoolId}`, {
      waitUntil: 'networkidle',
    });
    expect(await page.getByTestId('last-chased').first().textContent()).toMatch(
      /^Last chased \d{1,2} [A-Z][a-z]+ \d{4}/,
    );
    await expect
      .poll(async () => {
        await page.reload({ waitUntil: 'networkidle' });
        return page.getByTestId('last-emailed').allTextContents();
      })
      .toContainEqual(expect.stringContaining('2 emails: the first and 1 reminder'));
    // Twice in a day: refused in words, nothing sent.
    await page.getByTestId('chase-all').click();
    await page.getByTestId('chase-error').waitFor();
    expect(await page.getByTestId('chase-error').textContent()).toContain('Already chased today');

    await page.getByTestId('show-preview').click();
    await page.getByTestId('campaign-preview').waitFor();
    expect(await page.getByTestId('preview-subject').textContent()).toMatch(/^Please read and sign: /);
    const firstTo = await page.getByTestId('preview-to').textContent();
    const options = await page.locator('#preview-as option').all();
    await page.selectOption('#preview-as', (await options[1]!.getAttribute('value'))!);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByTestId('preview-to').textContent()).not.toBe(firstTo);
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    expect(await frame.getByRole('link', { name: 'Read and sign' }).getAttribute('href')).toMatch(
      /\/sign\/your-own-link$/,
    );
    expect(await axeViolations(page)).toEqual([]);
    await admin.close();
  });

  it('names where each policy is published, and the review step says how many people will be emailed and who', async () => {
    const admin = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await admin.newPage();
    await page.goto(`${stack.webUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in as Alex Morgan' }).click();
    await page.getByTestId('trust-name').first().waitFor({ state: 'attached' });

    // The policy picker names the schools each policy is published at.
    const api = await localApiAs(stack, 'alex.morgan@pennine-trust.example.org');
    const castle = await castleLanePolicy(api);
    await page.goto(`${stack.webUrl}/campaigns/new`);
    expect(await page.locator(`#field-policy option[value="${castle.policyId}"]`).textContent()).toMatch(
      /\(published at Castle Lane Primary School\)$/,
    );

    const { campaignId: reviewId } = await castleLaneDraft(api, 'Castle Lane review step');
    const audience = await api(`/v1/campaigns/${reviewId}/audience`);
    expect(audience.status).toBe(200);
    expect(audience.body.count).toBeGreaterThan(1);

    await page.goto(`${stack.webUrl}/campaigns/${reviewId}`, { waitUntil: 'networkidle' });
    const review = page.getByTestId('campaign-review-step');
    expect(await review.getByTestId('audience-count').textContent()).toContain(
      `${audience.body.count} people will be emailed at Castle Lane Primary School`,
    );
    // The names are folded away until asked for (a <details>, so no JavaScript is needed).
    const details = review.getByTestId('audience-details');
    expect(await details.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await details.locator('summary').click();
    const people = await review.getByTestId('audience-person').allTextContents();
    expect(people).toHaveLength(audience.body.count);
    for (const person of audience.body.data as { name: string }[])
      expect(people.some((p) => p.includes(person.name))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await admin.close();
  });
});
