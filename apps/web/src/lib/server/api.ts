import { SIGNER_HEADERS } from '@attest/core/signer-headers';
import type { Cookies } from '@sveltejs/kit';
import { dev } from '$app/environment';
import type { Api } from '$lib/types';
import { apiClient, type FetchFn } from './api-call';
import { apiUrl, DEFAULT_API_URL, webApiKey } from './config';
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

/** What the signing client needs from a SvelteKit RequestEvent. */
export interface SignerEvent {
  platform?: Readonly<App.Platform>;
  request: Request;
  getClientAddress: () => string;
}

/**
 * The client for an emailed link's pages. Signers have no account: these calls never carry the
 * session, even when an admin opens a link (which is why this takes no cookies). The API records
 * the signer's own address and browser as evidence, and it sees only this server: so the signer's
 * are passed on, with the key that tells the API they come from us (a client's own
 * X-Forwarded-For is never believed). getClientAddress() is Cloudflare's CF-Connecting-IP.
 */
export function createSigningApi(event: SignerEvent): Api {
  const { base, fetch } = resolveTransport(event.platform);
  const key = webApiKey();
  let ip = '';
  try {
    ip = event.getClientAddress();
  } catch {
    // No address for this request (a prerender): the API then records none.
  }
  const headers: Record<string, string> = key
    ? {
        [SIGNER_HEADERS.key]: key,
        [SIGNER_HEADERS.ip]: ip.slice(0, 64),
        [SIGNER_HEADERS.agent]: (event.request.headers.get('user-agent') ?? '').slice(0, 500),
      }
    : {};
  return apiClient(base, fetch, null, headers);
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
