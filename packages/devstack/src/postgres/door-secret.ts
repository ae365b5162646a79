import { randomBytes, timingSafeEqual } from 'node:crypto';

// The SQL doors reach a developer's database with full rights and no password (PGlite accepts any),
// on ports any web page can aim a request at. So they answer only the local API and tests:
// - a per-run secret, carried in the door URLs themselves (/sql/<secret>, /v2/<secret>), so
//   NEON_FETCH_ENDPOINT and NEON_WS_PROXY hold it and the API's code needs no change;
// - no request carrying an Origin header: browsers add one to every POST and every WebSocket
//   handshake, even same-origin ones after a DNS rebinding, while the Neon driver under Node or
//   workerd never sends one;
// - no CORS headers, so a page cannot read an answer either.

/** 32 random bytes, base64url: safe in a URL path, new for every start of the dev stack. */
export function newDoorSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison, so the secret cannot be guessed a character at a time. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a door refuses a request, or null to let it through. */
export function refusal(
  origin: string | undefined,
  givenSecret: string | undefined,
  secret: string,
): string | null {
  if (origin !== undefined) return `The dev stack's SQL doors do not answer web pages (Origin: ${origin}).`;
  if (!secretMatches(givenSecret, secret))
    return 'Wrong or missing door secret: use the NEON_FETCH_ENDPOINT / NEON_WS_PROXY values this run of the dev stack printed (they change every run).';
  return null;
}
