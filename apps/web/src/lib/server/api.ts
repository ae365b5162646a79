import type { Cookies } from '@sveltejs/kit';
import { dev } from '$app/environment';
import type { Api } from '$lib/types';
import { apiClient, type FetchFn } from './api-call';
import { apiUrl, DEFAULT_API_URL } from './config';
import { readSession } from './session';

/*
 * The web app's only door to data. It runs on the server (loads, form actions and downloads),
 * never in the browser: the session token stays in an httpOnly cookie and is forwarded as a
 * bearer token.
 *
 * Pages use Hono's typed client, `hc<AppType>`, directly: every path, parameter, body and answer is
 * checked against the API's own route definitions, so a new route needs no edit here. `call()`
 * turns the answer into its body, or any error answer into an `ApiError`:
 *
 *   const school = await call(createApi(event).schools[':id'].$get({ param: { id } }));
 */

export { type Answer, ApiError, call } from './api-call';
export type { Api };

/** What the clients need from a SvelteKit RequestEvent. */
export interface ApiEvent {
  cookies: Cookies;
  platform?: Readonly<App.Platform>;
}

/** The client for the signed-in person: every call carries their session. */
export function createApi(event: ApiEvent): Api {
  const { base, fetch } = resolveTransport(event.platform);
  return apiClient(base, fetch, readSession(event.cookies));
}

/**
 * The client for the emailed signing link. Signers have no account: these calls never carry the
 * session, even when an admin opens a link (which is why this takes no cookies).
 */
export function createSigningApi(event: Pick<ApiEvent, 'platform'>): Api {
  const { base, fetch } = resolveTransport(event.platform);
  return apiClient(base, fetch, null);
}

function resolveTransport(platform: ApiEvent['platform']): { base: string; fetch: FetchFn } {
  const configured = apiUrl();
  if (configured) return { base: configured, fetch: (input, init) => fetch(input, init) };
  // Production: a service binding, so the hostname is a placeholder the binding ignores.
  const binding = platform?.env?.API;
  if (!dev && binding) {
    return { base: 'https://api.internal', fetch: (input, init) => binding.fetch(input, init) };
  }
  return { base: DEFAULT_API_URL, fetch: (input, init) => fetch(input, init) };
}
