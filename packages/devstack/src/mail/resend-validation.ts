import type { MailTag, NewMessage } from './mail-store.ts';

// The checks Resend's API makes on the fields the product sends, with its error shape
// (`{ statusCode, name, message }`), so a bad call fails locally the way it would in production.

export interface ResendError {
  statusCode: number;
  name: string;
  message: string;
}

export const MAX_BATCH_SIZE = 100;
export const MAX_RECIPIENTS = 50;

export type EmailInput = Omit<NewMessage, 'idempotency_key' | 'batch_index'>;

export function resendError(statusCode: number, name: string, message: string): ResendError {
  return { statusCode, name, message };
}

const validation = (message: string) => resendError(422, 'validation_error', message);

// "ada@example.org" or "Ada Lovelace <ada@example.org>", Resend's two accepted forms.
const ADDRESS = /^(?:[^<>]*<\s*[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+\s*>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/;

/** Validates one email of a send or batch call; `{ error }` carries Resend's 422 answer. */
export function parseEmail(
  body: unknown,
  options: { batch?: boolean } = {},
): { email: EmailInput; error?: never } | { error: ResendError; email?: never } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { error: validation('The request body must be a JSON object.') };
  }
  const input = body as Record<string, unknown>;
  if (input.from === undefined || input.from === null || input.from === '') {
    return { error: validation('Missing `from` field.') };
  }
  if (typeof input.from !== 'string' || !ADDRESS.test(input.from.trim())) {
    return {
      error: validation(
        'Invalid `from` field. The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.',
      ),
    };
  }
  if (input.to === undefined || input.to === null || input.to === '' || isEmptyArray(input.to)) {
    return { error: validation('Missing `to` field.') };
  }
  if (input.subject === undefined || input.subject === null || input.subject === '') {
    return { error: validation('Missing `subject` field.') };
  }
  if (typeof input.subject !== 'string')
    return { error: validation('The `subject` field must be a string.') };
  if (options.batch && input.attachments !== undefined) {
    return { error: validation('Attachments are not supported in batch emails.') };
  }
  if (options.batch && input.scheduled_at !== undefined) {
    return { error: validation('`scheduled_at` is not supported in batch emails.') };
  }

  const lists: Record<'to' | 'cc' | 'bcc' | 'reply_to', string[]> = { to: [], cc: [], bcc: [], reply_to: [] };
  for (const field of ['to', 'cc', 'bcc', 'reply_to'] as const) {
    const parsed = addressList(input[field]);
    if (parsed === null || parsed.some((a) => !ADDRESS.test(a))) {
      return {
        error: validation(
          `Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`,
        ),
      };
    }
    lists[field] = parsed;
  }
  if (lists.to.length > MAX_RECIPIENTS) {
    return { error: validation(`Too many recipients in \`to\`: the maximum is ${MAX_RECIPIENTS}.`) };
  }
  for (const field of ['html', 'text'] as const) {
    if (input[field] !== undefined && input[field] !== null && typeof input[field] !== 'string') {
      return { error: validation(`The \`${field}\` field must be a string.`) };
    }
  }
  const tags = parseTags(input.tags);
  if (tags === null) {
    return { error: validation('Invalid `tags` field: expected an array of `{ name, value }` strings.') };
  }
  const headers = parseHeaders(input.headers);
  if (headers === null)
    return { error: validation('Invalid `headers` field: expected an object of strings.') };

  return {
    email: {
      from: input.from.trim(),
      ...lists,
      subject: input.subject,
      html: (input.html as string | undefined) ?? null,
      text: (input.text as string | undefined) ?? null,
      tags,
      headers,
    },
  };
}

function isEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

function addressList(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value.trim()];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => v.trim());
  return null;
}

// Resend restricts tag names and values to ASCII letters, digits, underscores and dashes.
const TAG_PART = /^[A-Za-z0-9_-]{1,256}$/;

function parseTags(value: unknown): MailTag[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return null;
  const tags: MailTag[] = [];
  for (const tag of value) {
    if (typeof tag !== 'object' || tag === null) return null;
    const { name, value: tagValue } = tag as Record<string, unknown>;
    if (typeof name !== 'string' || !TAG_PART.test(name)) return null;
    if (tagValue !== undefined && (typeof tagValue !== 'string' || !TAG_PART.test(tagValue))) return null;
    tags.push({ name, value: (tagValue as string | undefined) ?? '' });
  }
  return tags;
}

function parseHeaders(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.some(([, v]) => typeof v !== 'string')) return null;
  return Object.fromEntries(entries) as Record<string, string>;
}
