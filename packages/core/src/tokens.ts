// Single-purpose links. A signing link's token is HMAC-SHA256(secret, purpose:subject:generation):
// 32 bytes that cannot be forged without the Worker's secret, and that the queue consumer and
// reminders can recompute, so every email to a person carries the same link and a redelivered
// batch rebuilds byte-identical messages (which Resend's idempotency key requires). Only the
// SHA-256 of the token is stored; a database leak yields no working link. A fresh link is a new
// generation, which retires the old one.

const encoder = new TextEncoder();

const base64url = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** What a link is for: one purpose per kind of emailed task (person_links.purpose in the database). */
export type TokenPurpose = 'sign' | 'loan_agreement' | 'device_check' | 'exception_request' | 'declaration';

// Importing the key is most of the cost of a token (a launch derives thousands), so each secret's
// key is imported once per isolate. A CryptoKey is not an I/O object: Workers allow keeping it.
const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string) {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    keys.set(secret, key);
  }
  return key;
}

export async function deriveToken(
  secret: string,
  purpose: TokenPurpose,
  subjectId: string,
  generation = 0,
): Promise<string> {
  const key = await hmacKey(secret);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${purpose}:${subjectId}:${generation}`));
  return base64url(new Uint8Array(mac));
}

/**
 * Hex HMAC-SHA256 of `text` under `secret`: for values kept only to be counted or compared (an
 * address or IP at a public door), so what is stored cannot be reversed by guessing inputs.
 */
export async function keyedHash(secret: string, text: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(`keyed:${text}`));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What is stored and looked up: hex SHA-256 of the token. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A token as we issue them: 43 base64url characters. Anything else is not looked up at all. */
export const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

/**
 * Text fit for a log: every link's token replaced by `[token]`, whatever page or route it is in.
 * Paths like `/v1/sign/<token>/questions` would otherwise put working links in logs. A token is
 * any path segment of exactly 43 base64url characters (ids are 36, so none is caught by mistake).
 */
export const redactTokens = (text: string) =>
  text.replace(/(\/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, '$1[token]');
