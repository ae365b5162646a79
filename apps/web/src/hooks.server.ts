import type { Handle, HandleServerError } from '@sveltejs/kit';
import { clerkEnabled } from '$lib/server/config';

/*
 * Emailed links carry their token in the path: it must never leave in a Referer or reach a log.
 * `strict-origin` sends at most the origin, never the path. (`no-referrer` would also make the
 * browser send `Origin: null` with the signing form's POST, and SvelteKit's CSRF check, which
 * stays on, would then refuse every signature.)
 */
const isSigningLink = (pathname: string) => pathname.startsWith('/sign/');

/** The path as it may be written to a log: a signing link's token is left out. */
const loggablePath = (pathname: string) => (isSigningLink(pathname) ? '/sign/[token]' : pathname);

const headers: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  const signing = isSigningLink(event.url.pathname);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', signing ? 'strict-origin' : 'strict-origin-when-cross-origin');
  if (signing) response.headers.set('x-robots-tag', 'noindex');
  response.headers.set('x-frame-options', 'DENY');
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

export const handle: Handle = async ({ event, resolve }) => {
  if (!clerkEnabled()) return headers({ event, resolve });
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
