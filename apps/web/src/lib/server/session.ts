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

/** Only same-site paths, so `?redirectTo=` can never send someone to another site. */
export function safeRedirectTarget(value: string | null | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.startsWith('/sign-in') || value.startsWith('/sign-out')) return fallback;
  return value;
}
