import { env as privateEnv } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';

/** Production sign-in is Clerk's; without a publishable key we are in development. */
export function clerkEnabled(): boolean {
  return Boolean(publicEnv.PUBLIC_CLERK_PUBLISHABLE_KEY);
}

export function apiUrl(): string | undefined {
  return privateEnv.API_URL || undefined;
}

export const DEFAULT_API_URL = 'http://127.0.0.1:8787';

export function devstackUrl(): string {
  return privateEnv.DEVSTACK_URL || 'http://127.0.0.1:8025';
}

/**
 * The key the API trusts the signer's forwarded address and browser with (WEB_API_KEY, the same
 * secret on both Workers). Without it the API records only what it sees itself.
 */
export function webApiKey(): string | undefined {
  return privateEnv.WEB_API_KEY || undefined;
}
