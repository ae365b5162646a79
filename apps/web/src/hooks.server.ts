import type { Handle, HandleServerError } from '@sveltejs/kit';
import { clerkEnabled } from '$lib/server/config';

const headers: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
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
  if (status !== 404) console.error(`${event.request.method} ${event.url.pathname}`, error);
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
