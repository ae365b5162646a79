import { Resend } from 'resend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Devstack, startDevstack } from '../start-devstack.ts';
import { STARTUP_TIMEOUT_MS } from '../testing/timeouts.ts';
import type { CaughtMessage } from './mail-store.ts';

const FROM = 'Attest <no-reply@attest.example.org>';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decodeEntities = (value: string) =>
  value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ENTITIES[name]!);
let stack: Devstack;
let resend: Resend;

beforeAll(async () => {
  stack = await startDevstack({ port: 0, pgPort: 0 });
  resend = new Resend('re_dev', { baseUrl: stack.resendBaseUrl });
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => {
  stack.mail.clear();
});

const email = (to: string, subject = 'Please sign the staff AUP') => ({
  from: FROM,
  to,
  subject,
  html: `<p>Sign here: <a href="http://127.0.0.1:5173/sign/abc?x=1&amp;y=2">sign</a></p>`,
  text: 'Sign here: http://127.0.0.1:5173/sign/abc?x=1&y=2',
});

describe('Resend door, happy', () => {
  it('catches a single send made with the Resend SDK', async () => {
    const { data, error } = await resend.emails.send({
      ...email('ada@oakfield.example.org'),
      cc: 'head@oakfield.example.org',
      replyTo: 'office@oakfield.example.org',
      tags: [{ name: 'campaign', value: 'c_123' }],
      headers: { 'X-Entity-Ref-ID': 'rcpt_1' },
    });
    expect(error).toBeNull();
    const [message] = stack.mail.messages();
    expect(data).toEqual({ id: message?.id });
    expect(message).toMatchObject({
      from: FROM,
      to: ['ada@oakfield.example.org'],
      cc: ['head@oakfield.example.org'],
      reply_to: ['office@oakfield.example.org'],
      subject: 'Please sign the staff AUP',
      text: 'Sign here: http://127.0.0.1:5173/sign/abc?x=1&y=2',
      idempotency_key: null,
      batch_index: null,
      tags: [{ name: 'campaign', value: 'c_123' }],
      headers: { 'X-Entity-Ref-ID': 'rcpt_1' },
    });
    expect(new Date(message?.created_at ?? '').toISOString()).toBe(message?.created_at);
  });

  it('catches a batch in order and answers one id per email', async () => {
    const { data, error } = await resend.batch.send([
      email('a@example.org', 'one'),
      email('b@example.org', 'two'),
      email('c@example.org', 'three'),
    ]);
    expect(error).toBeNull();
    const newestFirst = stack.mail.messages();
    expect(newestFirst.map((m) => [m.subject, m.batch_index])).toEqual([
      ['three', 2],
      ['two', 1],
      ['one', 0],
    ]);
    expect(data?.data).toEqual([...newestFirst].reverse().map((m) => ({ id: m.id })));
  });

  it('replays an idempotent batch without sending it twice', async () => {
    const batch = [email('a@example.org'), email('b@example.org')];
    const first = await resend.batch.send(batch, { idempotencyKey: 'campaign-1/batch-0' });
    const again = await resend.batch.send(batch, { idempotencyKey: 'campaign-1/batch-0' });
    expect(first.error).toBeNull();
    expect(again).toMatchObject({ data: first.data, error: null });
    expect(stack.mail.messages()).toHaveLength(2);
    expect(stack.mail.messages().every((m) => m.idempotency_key === 'campaign-1/batch-0')).toBe(true);
  });

  it('replays an idempotent single send', async () => {
    const first = await resend.emails.send(email('a@example.org'), { idempotencyKey: 'reminder-7' });
    const again = await resend.emails.send(email('a@example.org'), { idempotencyKey: 'reminder-7' });
    expect(again.data).toEqual(first.data);
    expect(stack.mail.messages()).toHaveLength(1);
  });

  it('serves caught mail at /api/messages (newest first, ?to= filter) and clears it', async () => {
    await resend.emails.send(email('Ada Lovelace <ada@example.org>', 'first'));
    await resend.emails.send(email('bob@example.org', 'second'));
    const all = (await (await fetch(`${stack.url}/api/messages`)).json()) as CaughtMessage[];
    expect(all.map((m) => m.subject)).toEqual(['second', 'first']);
    const ada = (await (
      await fetch(`${stack.url}/api/messages?to=ADA@example.org`)
    ).json()) as CaughtMessage[];
    expect(ada.map((m) => m.subject)).toEqual(['first']);

    const one = await fetch(`${stack.url}/api/messages/${ada[0]?.id}`);
    expect(await one.json()).toMatchObject({ subject: 'first' });
    const alone = await fetch(`${stack.url}/messages/${ada[0]?.id}/html`);
    expect(alone.headers.get('content-type')).toContain('text/html');
    expect(alone.headers.get('content-security-policy')).toContain('sandbox');
    expect(await alone.text()).toContain('href="http://127.0.0.1:5173/sign/abc?x=1&amp;y=2"');

    const cleared = await fetch(`${stack.url}/api/messages`, { method: 'DELETE' });
    expect(cleared.status).toBe(200);
    expect(stack.mail.messages()).toEqual([]);
  });

  it('shows an email as its recipient sees it: the HTML sandboxed in a frame, and the text', async () => {
    const sent = { ...email('ada@oakfield.example.org'), cc: 'head@oakfield.example.org' };
    sent.html = `<p style="color:#123">Sign here: <a href="http://127.0.0.1:5173/sign/abc?x=1&amp;y=2">sign</a></p><script>alert("x")</script>`;
    const { data } = await resend.emails.send(sent);
    const response = await fetch(`${stack.url}/messages/${data?.id}`);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'none'");
    const page = await response.text();
    expect(page).toContain('<h1>Please sign the staff AUP</h1>');
    expect(page).toContain('head@oakfield.example.org');

    // The HTML version, exactly as sent, in a frame that may open links but run nothing.
    const frame = /<iframe [^>]*>/.exec(page)?.[0] ?? '';
    expect(frame).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"');
    expect(frame).not.toMatch(/allow-scripts|allow-same-origin/);
    const srcdoc = decodeEntities(/ srcdoc="([^"]*)"/.exec(frame)?.[1] ?? '');
    expect(srcdoc).toBe(`<base target="_blank">${sent.html}`);
    expect(page).not.toContain('<script>alert'); // only ever inside the (escaped) srcdoc

    // The text version, with its link clickable.
    expect(page).toContain(
      '<pre>Sign here: <a href="http://127.0.0.1:5173/sign/abc?x=1&amp;y=2">http://127.0.0.1:5173/sign/abc?x=1&amp;y=2</a></pre>',
    );
  });

  it('shows a text-only email with its links clickable', async () => {
    const { data } = await resend.emails.send({
      from: FROM,
      to: 'a@example.org',
      subject: 'Text only',
      text: 'Open <this> http://127.0.0.1:5173/sign/t?a=1&b=2 now',
    });
    const page = await (await fetch(`${stack.url}/messages/${data?.id}`)).text();
    expect(page).toContain('This email has no HTML version.');
    expect(page).not.toContain('<iframe');
    expect(page).toContain('Open &lt;this&gt; <a href="http://127.0.0.1:5173/sign/t?a=1&amp;b=2">');
    const alone = await (await fetch(`${stack.url}/messages/${data?.id}/html`)).text();
    expect(alone).toContain('Open &lt;this&gt; <a href="http://127.0.0.1:5173/sign/t?a=1&amp;b=2">');
  });
});

describe('Resend door, errors', () => {
  it('refuses an email without from, to or subject with 422 validation_error', async () => {
    for (const [field, payload] of [
      ['from', { to: 'a@example.org', subject: 's', text: 't' }],
      ['to', { from: FROM, subject: 's', text: 't' }],
      ['subject', { from: FROM, to: 'a@example.org', text: 't' }],
    ] as const) {
      const { data, error } = await resend.emails.send(payload as never);
      expect(data).toBeNull();
      expect(error).toMatchObject({ statusCode: 422, name: 'validation_error' });
      expect(error?.message).toContain(`\`${field}\``);
    }
    expect(stack.mail.messages()).toEqual([]);
  });

  it('refuses a malformed address', async () => {
    const { error } = await resend.emails.send({ ...email('not-an-address'), from: FROM });
    expect(error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    expect(stack.mail.messages()).toEqual([]);
  });

  it('refuses a batch of more than 100 emails, and a whole batch with one bad email', async () => {
    const tooMany = await resend.batch.send(
      Array.from({ length: 101 }, (_, i) => email(`p${i}@example.org`)),
    );
    expect(tooMany.error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    const oneBad = await resend.batch.send([
      email('a@example.org'),
      { ...email('b@example.org'), subject: '' },
    ]);
    expect(oneBad.error).toMatchObject({ statusCode: 422, name: 'validation_error' });
    expect(oneBad.error?.message).toContain('emails[1]');
    expect(stack.mail.messages()).toEqual([]);
  });

  it('sends the valid emails of a permissive batch and lists the others', async () => {
    const { data } = await resend.batch.send(
      [email('a@example.org'), { ...email('b@example.org'), subject: '' }],
      {
        batchValidation: 'permissive',
      },
    );
    expect(data?.data).toHaveLength(1);
    expect(data?.errors).toEqual([{ index: 1, message: 'Missing `subject` field.' }]);
    expect(stack.mail.messages().map((m) => m.to)).toEqual([['a@example.org']]);
  });

  it('answers 409 when an idempotency key is reused with a different payload', async () => {
    await resend.batch.send([email('a@example.org')], { idempotencyKey: 'k-1' });
    const { data, error } = await resend.batch.send([email('someone-else@example.org')], {
      idempotencyKey: 'k-1',
    });
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect(stack.mail.messages()).toHaveLength(1);
  });
});

describe('Resend door, security', () => {
  it('refuses requests without a Resend API key with 401', async () => {
    const response = await fetch(`${stack.resendBaseUrl}/emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(email('a@example.org')),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, name: 'missing_api_key' });

    const wrongKind = await new Resend('sk_live_123', { baseUrl: stack.resendBaseUrl }).emails.send(
      email('a@example.org'),
    );
    expect(wrongKind.error).toMatchObject({ statusCode: 401 });
    expect(stack.mail.messages()).toEqual([]);
  });
});
