import { Resend } from 'resend';

// The one seam through which Attest sends mail. Production: Resend. Development and tests: the
// same Resend SDK pointed at the dev stack's catcher (`baseUrl`), so the code path is identical.

export interface OutgoingEmail {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  tags?: { name: string; value: string }[];
}

export interface MailSender {
  /** One message. The idempotency key makes a retry of the same send a no-op at Resend. */
  send(email: OutgoingEmail, opts: { idempotencyKey: string }): Promise<{ id: string }>;
  /**
   * Up to 100 messages in one call (Resend's batch limit), with one idempotency key for the call.
   * Validated permissively: one unusable message (a malformed address) does not stop the other 99;
   * `refused` lists the ones Resend would not take, by their index in `emails`.
   */
  sendBatch(
    emails: OutgoingEmail[],
    opts: { idempotencyKey: string },
  ): Promise<{ ids: string[]; refused: { index: number; message: string }[] }>;
}

export class MailSendError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null,
    readonly name_: string,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
  /** Worth retrying later: rate limits, Resend's own failures, the network. */
  get retryable(): boolean {
    return this.statusCode === null || this.statusCode === 429 || this.statusCode >= 500;
  }
}

export const RESEND_BATCH_LIMIT = 100;

/**
 * A header value as one clean line. Names typed by admins and signers end up in the From name and
 * the subject; a carriage return or line feed there could add a header (`Bcc: …`) wherever the
 * message is written out as MIME, and other control characters garble it. Every header the
 * product sets passes through here, whatever template made it.
 */
export const oneLine = (value: string) =>
  value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();

const toResend = (e: OutgoingEmail) => ({
  from: oneLine(e.from),
  to: e.to.map(oneLine),
  subject: oneLine(e.subject),
  html: e.html,
  text: e.text,
  ...(e.replyTo ? { replyTo: oneLine(e.replyTo) } : {}),
  ...(e.tags ? { tags: e.tags } : {}),
});

export function createResendSender(config: { apiKey: string; baseUrl?: string }): MailSender {
  const resend = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : undefined);
  const fail = (error: { message: string; statusCode?: number | null; name?: string }) =>
    new MailSendError(error.message, error.statusCode ?? null, error.name ?? 'unknown');
  return {
    async send(email, { idempotencyKey }) {
      const { data, error } = await resend.emails.send(toResend(email), { idempotencyKey });
      if (error || !data) throw fail(error ?? { message: 'Resend returned no data' });
      return { id: data.id };
    },
    async sendBatch(emails, { idempotencyKey }) {
      if (emails.length === 0) return { ids: [], refused: [] };
      if (emails.length > RESEND_BATCH_LIMIT)
        throw new RangeError(`A batch holds at most ${RESEND_BATCH_LIMIT} emails`);
      const { data, error } = await resend.batch.send(emails.map(toResend), {
        idempotencyKey,
        batchValidation: 'permissive',
      });
      if (error || !data) throw fail(error ?? { message: 'Resend returned no data' });
      return { ids: data.data.map((d) => d.id), refused: data.errors ?? [] };
    },
  };
}
