import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PgliteServer, startPgliteServer } from '../postgres/pglite-server.ts';
import { type Devstack, startDevstack } from '../start-devstack.ts';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts.ts';
import type { CaughtMessage } from './mail-store.ts';

// `npm run dev` keeps caught mail in .data/ like the database, so a signing link caught before a
// restart can still be clicked after it.

const dir = mkdtempSync(join(tmpdir(), 'attest-mail-'));
const mailFile = join(dir, 'mail.jsonl');
const FROM = 'Attest <no-reply@attest.example.org>';

// One database for every restart: only the dev stack in front of it restarts, which is quicker.
let database: PgliteServer;
beforeAll(async () => {
  database = await startPgliteServer({ port: 0 });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await database?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function withStack<T>(work: (stack: Devstack) => Promise<T>): Promise<T> {
  const stack = await startDevstack({ port: 0, databaseUrl: database.databaseUrl, mailFile });
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
}

const caught = async (stack: Devstack) =>
  (await (await fetch(`${stack.url}/api/messages`)).json()) as CaughtMessage[];

describe('caught mail across a restart', () => {
  it('is still listed, and still opens, after the dev stack restarts; a clear is kept too', async () => {
    const before = await withStack(async (stack) => {
      const resend = new Resend('re_dev', { baseUrl: stack.resendBaseUrl });
      await resend.emails.send({
        from: FROM,
        to: 'ada@oakfield.example.org',
        subject: 'Please sign the staff AUP',
        html: '<p><a href="http://127.0.0.1:5173/sign/abc">Sign</a></p>',
        text: 'Sign: http://127.0.0.1:5173/sign/abc',
      });
      await resend.batch.send([
        { from: FROM, to: 'b@example.org', subject: 'two', text: 'two' },
        { from: FROM, to: 'c@example.org', subject: 'three', text: 'three' },
      ]);
      return caught(stack);
    });
    expect(before.map((m) => m.subject)).toEqual(['three', 'two', 'Please sign the staff AUP']);

    // A write cut short by a crash leaves a torn last line: it is skipped, the rest survives.
    appendFileSync(mailFile, '{"id":"torn","subj');

    await withStack(async (stack) => {
      expect(await caught(stack)).toEqual(before);
      const signing = before[2]!;
      const console = await (await fetch(`${stack.url}/`)).text();
      expect(console).toContain(`<a href="/messages/${signing.id}">Please sign the staff AUP</a>`);
      const page = await fetch(`${stack.url}/messages/${signing.id}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('http://127.0.0.1:5173/sign/abc');

      // New mail after the restart joins the old (and is kept in turn).
      await new Resend('re_dev', { baseUrl: stack.resendBaseUrl }).emails.send({
        from: FROM,
        to: 'd@example.org',
        subject: 'four',
        text: 'four',
      });
    });

    await withStack(async (stack) => {
      const subjects = (await caught(stack)).map((m) => m.subject);
      expect(subjects).toEqual(['four', 'three', 'two', 'Please sign the staff AUP']);
      await fetch(`${stack.url}/api/messages`, { method: 'DELETE' });
    });

    await withStack(async (stack) => {
      expect(await caught(stack)).toEqual([]);
    });
  });
});
