import type { Cookies } from '@sveltejs/kit';

/**
 * Clerk keeps its short-lived session JWT in `__session` on the app's own domain; the dev sign-in
 * sets a token from the dev issuer under the same name, so everything after sign-in is identical
 * in development and production.
 */
export const SESSION_COOKIE = '__session';

export function readSession(cookies: Cookies): string | null {
  return cookies.get(SESSION_COOKIE) || null;
}

export function setSession(cookies: Cookies, token: string, url: URL): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    // A browser-session cookie: the token inside carries its own expiry.
  });
}

export function clearSession(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

/**
 * Only same-site paths, so `?redirectTo=` can never send someone to another site. Browsers drop
 * tabs and newlines from a URL before reading it, so `/\t/evil.example` would become
 * `//evil.example`: any control character (or backslash) refuses the target outright, and what is
 * left must resolve to our own origin.
 */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  const base = 'https://attest.invalid';
  if (new URL(value, base).origin !== base) return fallback;
  if (value.startsWith('/sign-in') || value.startsWith('/sign-out')) return fallback;
  return value;
}
