import { redactTokens } from '@attest/core/tokens';
import type { Handle, HandleServerError } from '@sveltejs/kit';
import { clerkEnabled } from '$lib/server/config';

/*
 * Emailed links carry their token in the path: it must never leave in a Referer or reach a log.
 * `strict-origin` sends at most the origin, never the path. (`no-referrer` would also make the
 * browser send `Origin: null` with the signing form's POST, and SvelteKit's CSRF check, which
 * stays on, would then refuse every signature.)
 */
/**
 * The pages an emailed link opens (the API's link purposes' web paths, apps/api/src/services/links/
 * purposes.ts): /sign today, the loan, device-check and staff pages next. Their URLs carry a token.
 */
const LINK_PAGES = ['/sign/', '/loan/', '/device-check/', '/staff/'];
const isSigningLink = (pathname: string) => LINK_PAGES.some((prefix) => pathname.startsWith(prefix));

/** The path as it may be written to a log: a link's token is left out. */
const loggablePath = (pathname: string) => redactTokens(pathname);

const headers: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  const signing = isSigningLink(event.url.pathname);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', signing ? 'strict-origin' : 'strict-origin-when-cross-origin');
  if (signing) response.headers.set('x-robots-tag', 'noindex');
  response.headers.set('x-frame-options', 'DENY');
  // Browsers only honour HSTS over https, where it keeps every later visit on https (the signing
  // link's token included). The Content-Security-Policy comes from svelte.config.js (kit.csp),
  // which puts a nonce on SvelteKit's own scripts.
  if (event.url.protocol === 'https:') {
    response.headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
  }
  // Every page shows one trust's data to one signed-in person: never cache it in a shared cache.
  if (response.headers.get('content-type')?.startsWith('text/html')) {
    response.headers.set('cache-control', 'private, no-store');
  }
  return response;
};

// Clerk is wired only when configured, and loaded lazily, so development needs no Clerk key and
// never loads Clerk's code. Clerk's handler refreshes the `__session` cookie (handshake) before
// our loads read it.
let clerkHandle: Promise<Handle> | undefined;

/**
 * A form post from another site is refused. SvelteKit does this itself in a build (kit.csrf), but
 * not under `vite dev`; this does it everywhere, so development and the browser tests behave as
 * production does. The same rule as SvelteKit's: a form content type, a state-changing method,
 * and an Origin that is not ours (or none).
 */
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;
function crossSiteForm(request: Request, url: URL): boolean {
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method)) return false;
  if (!FORM_TYPES.test(request.headers.get('content-type') ?? '')) return false;
  return request.headers.get('origin') !== url.origin;
}

export const handle: Handle = async ({ event, resolve }) => {
  if (crossSiteForm(event.request, event.url)) {
    return new Response(`Cross-site ${event.request.method} form submissions are forbidden`, {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  // Clerk never sees a link's page: its handshake redirect would carry the token in Clerk's URL
  // (and a signer has no Clerk session to refresh anyway).
  if (!clerkEnabled() || isSigningLink(event.url.pathname)) return headers({ event, resolve });
  clerkHandle ??= import('svelte-clerk/server').then(({ withClerkHandler }) => withClerkHandler());
  const clerk = await clerkHandle;
  return clerk({ event, resolve: (e, opts) => headers({ event: e, resolve: (e2) => resolve(e2, opts) }) });
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  if (status !== 404) console.error(`${event.request.method} ${loggablePath(event.url.pathname)}`, error);
  return {
    // `message` is SvelteKit's generic "Internal Error"; say it in our own words instead.
    message:
      status === 404
        ? 'We could not find that page.'
        : status >= 500
          ? 'Something went wrong on our side. Try again in a minute.'
          : message,
  };
};
