import { SIGNER_HEADERS, sha256Hex } from '@attest/core';
import type { Context } from 'hono';
import type { AppEnv } from './context.ts';

// Evidence must be the signer's: their address and browser, never our own server's. Signers reach
// the API through the web app (server-side, over the service binding), so the API sees the web
// Worker, not the person. The web app passes the person's address and browser on in headers, with
// WEB_API_KEY to show they come from it; only then are they believed. A client's own
// X-Forwarded-For is never read. A request without the key (a direct call to the API) is recorded
// as the API sees it: Cloudflare's CF-Connecting-IP and its User-Agent.

export interface SignerEvidence {
  ip: string | null;
  userAgent: string | null;
}

/** Compares digests, so the time taken says nothing about how much of the key was right. */
async function sameSecret(given: string, expected: string) {
  const [a, b] = await Promise.all([sha256Hex(given), sha256Hex(expected)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const clean = (value: string | undefined, max: number) => {
  // One line of printable text: a header cannot carry a newline, but a value can carry control bytes.
  const v = value
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
    ?.replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, max);
  return v ? v : null;
};

export async function signerEvidence(c: Context<AppEnv>): Promise<SignerEvidence> {
  const key = c.req.header(SIGNER_HEADERS.key);
  const expected = c.var.deps.config.WEB_API_KEY;
  if (key && expected && (await sameSecret(key, expected))) {
    return {
      ip: clean(c.req.header(SIGNER_HEADERS.ip), 64),
      userAgent: clean(c.req.header(SIGNER_HEADERS.agent), 500),
    };
  }
  return {
    ip: clean(c.req.header('cf-connecting-ip'), 64),
    userAgent: clean(c.req.header('user-agent'), 500),
  };
}
