import { env as publicEnv } from '$env/dynamic/public';
import { clerkEnabled } from '$lib/server/config';
import type { LayoutServerLoad } from './$types';

/*
 * Clerk's browser script keeps the short-lived `__session` cookie fresh while an admin works, so
 * in production every admin page sits inside ClerkProvider. In development there is no Clerk.
 */
export const load: LayoutServerLoad = async ({ locals }) => {
  if (!clerkEnabled()) return { clerk: null };
  const { buildClerkProps } = await import('svelte-clerk/server');
  const auth = (locals as { auth?: () => Parameters<typeof buildClerkProps>[0] }).auth;
  return {
    clerk: { publishableKey: publicEnv.PUBLIC_CLERK_PUBLISHABLE_KEY ?? '' },
    ...(auth ? buildClerkProps(auth()) : {}),
  };
};
