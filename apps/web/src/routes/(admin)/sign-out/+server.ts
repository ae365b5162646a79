import { redirect } from '@sveltejs/kit';
import { clerkEnabled } from '$lib/server/config';
import { clearSession } from '$lib/server/session';
import type { RequestHandler } from './$types';

// A POST (never a GET link) so a stray prefetch or image tag cannot sign anyone out. SvelteKit's
// origin check covers this form post like any other.
export const POST: RequestHandler = ({ cookies, url }) => {
  clearSession(cookies, url);
  // With Clerk, the browser script must also end Clerk's own session, or it would set the cookie
  // again on the next page; the sign-in page does that when it sees `signed-out`.
  redirect(303, clerkEnabled() ? '/sign-in?signed-out' : '/sign-in');
};
