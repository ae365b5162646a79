import { type Devstack, startDevstack } from '@attest/devstack';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createResendSender, MailSendError, type OutgoingEmail } from './sender.ts';

let stack: Devstack;
beforeAll(async () => {
  stack = await startDevstack({ port: 0, pgPort: 0 });
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => stack.mail.clear());

const email = (to: string): OutgoingEmail => ({
  from: 'Attest <no-reply@attest.example.org>',
  to: [to],
  subject: 'Please read and sign',
  html: '<p>Hello</p>',
  text: 'Hello',
});

describe('Resend sender: happy', () => {
  it('sends one message through the real SDK, carrying the idempotency key', async () => {
    const sender = createResendSender({ apiKey: 're_test', baseUrl: stack.resendBaseUrl });
    const { id } = await sender.send(email('jo@example.org'), { idempotencyKey: 'k-1' });
    const [caught] = stack.mail.messages();
    expect(caught).toMatchObject({
      id,
      to: ['jo@example.org'],
      subject: 'Please read and sign',
      idempotency_key: 'k-1',
    });
  });

  it('sends a batch once even when the call is retried with the same key', async () => {
    const sender = createResendSender({ apiKey: 're_test', baseUrl: stack.resendBaseUrl });
    const batch = Array.from({ length: 100 }, (_, i) => email(`p${i}@example.org`));
    const first = await sender.sendBatch(batch, { idempotencyKey: 'campaign-1/batch-0' });
    const retry = await sender.sendBatch(batch, { idempotencyKey: 'campaign-1/batch-0' });
    expect(retry.ids).toEqual(first.ids);
    expect(stack.mail.messages()).toHaveLength(100);
  });

  it('sends the rest of a batch when one address is unusable, and names the one refused', async () => {
    stack.mail.clear();
    const sender = createResendSender({ apiKey: 're_test', baseUrl: stack.resendBaseUrl });
    const batch = [email('a@example.org'), email('not an address'), email('c@example.org')];
    const result = await sender.sendBatch(batch, { idempotencyKey: 'campaign-2/batch-0' });
    expect(result.ids).toHaveLength(2);
    expect(result.refused).toEqual([{ index: 1, message: expect.stringContaining('`to`') }]);
    expect(stack.mail.messages().map((m) => m.to[0])).toEqual(['c@example.org', 'a@example.org']);
  });
});

describe('Resend sender: error', () => {
  it('raises a non-retryable error for a message Resend refuses', async () => {
    const sender = createResendSender({ apiKey: 're_test', baseUrl: stack.resendBaseUrl });
    const error = await sender
      .send({ ...email('x@example.org'), to: [] }, { idempotencyKey: 'k-2' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(MailSendError);
    expect(error.statusCode).toBe(422);
    expect(error.retryable).toBe(false);
  });

  it('refuses more than 100 in a batch before calling Resend', async () => {
    const sender = createResendSender({ apiKey: 're_test', baseUrl: stack.resendBaseUrl });
    await expect(
      sender.sendBatch(Array(101).fill(email('a@example.org')), { idempotencyKey: 'k' }),
    ).rejects.toThrow(RangeError);
    expect(stack.mail.messages()).toHaveLength(0);
  });
});
