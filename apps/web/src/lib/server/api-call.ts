import type { AppType } from '@attest/api/app-type';
import { type ClientResponse, hc } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { Api } from '../types';

/*
 * Hono's typed client for the API, and the one helper that turns its answers into what pages use.
 * Nothing here knows about SvelteKit (`./api` picks the transport and the session per request),
 * so it runs as it is in the unit tests. `AppType` is a type only: no API code is bundled.
 */

/** An error answer from the API (or no answer at all), with the envelope's code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** `details[]` flattened to `{ 'variables.headTitle': 'Enter …' }`: first message per field. */
  readonly fieldErrors: Record<string, string>;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.fieldErrors = toFieldErrors(details);
  }
}

/** The 2xx answer of a typed call: its JSON body, or for a download (a PDF, a CSV) the Response itself. */
export type Answer<R> =
  R extends ClientResponse<infer T, infer S, string>
    ? S extends SuccessStatusCode
      ? T extends Response
        ? Response
        : T
      : never
    : never;

/**
 * Waits for a typed call. An error answer becomes an `ApiError` with the envelope's code, message
 * and details (`{ error: { code, message, details? } }`); a JSON answer becomes its typed body;
 * anything else (a download) is handed back as it came, for the page to pass on.
 */
export async function call<R extends ClientResponse<unknown, number, string>>(
  request: Promise<R>,
): Promise<Answer<R>> {
  const response = await request;
  if (!response.ok) throw await errorOf(response);
  const type = response.headers.get('content-type');
  if (type && !/[/+]json\b/i.test(type)) return response as unknown as Answer<R>;
  const body = parseJson(await response.text());
  if (body === undefined) {
    throw new ApiError(502, 'BAD_RESPONSE', 'Attest’s data service sent an answer we could not read.');
  }
  return body as Answer<R>;
}

export type FetchFn = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/**
 * The typed client over `fetch`, carrying `token` as a bearer token when there is one, and any
 * `headers` given (the signer's own address and browser, for the signing pages).
 */
export function apiClient(
  base: string,
  fetch: FetchFn,
  token: string | null,
  headers: Record<string, string> = {},
): Api {
  return hc<AppType>(base, {
    fetch: reachable(fetch),
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      accept: 'application/json',
    },
    buildSearchParams,
  }).v1;
}

/** No answer at all (the API is down or unreachable) is an `ApiError` too, so pages handle one thing. */
function reachable(send: FetchFn): FetchFn {
  return async (input, init) => {
    try {
      return await send(input, init);
    } catch (cause) {
      console.error(`API ${init?.method ?? 'GET'} ${loggablePath(input)} unreachable`, cause);
      throw new ApiError(
        503,
        'API_UNREACHABLE',
        'Attest could not reach its data service. Try again in a minute.',
      );
    }
  };
}

/** The path as it may be written to a log: no query (it can hold names) and no emailed link's token. */
function loggablePath(input: RequestInfo | URL): string {
  const url = new URL(input instanceof Request ? input.url : String(input));
  return url.pathname.replace(/^\/v1\/(sign|links)\/(?!fresh-link$)[^/]+/, '/v1/$1/:token');
}

/** Empty filters are left out, so the query string carries only what was asked for. */
function buildSearchParams(query: Record<string, string | string[]>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') params.append(key, String(item));
    }
  }
  return params;
}

/** `{ error: { code, message, details? } }`, the API's one error envelope. */
interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

async function errorOf(response: Response): Promise<ApiError> {
  const envelope = (parseJson(await response.text().catch(() => '')) as ErrorEnvelope | undefined)?.error;
  if (envelope && typeof envelope.message === 'string') {
    const code = typeof envelope.code === 'string' ? envelope.code : 'ERROR';
    return new ApiError(response.status, code, envelope.message, envelope.details);
  }
  return new ApiError(response.status, 'ERROR', fallbackMessage(response.status));
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function toFieldErrors(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const item of details) {
    if (!item || typeof item !== 'object') continue;
    const { path, message } = item as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const key = Array.isArray(path) ? path.map(String).join('.') : typeof path === 'string' ? path : '';
    if (key && !(key in out)) out[key] = message;
  }
  return out;
}

function fallbackMessage(status: number): string {
  switch (status) {
    case 400:
    case 422:
      return 'Some of the details were not accepted. Check them and try again.';
    case 401:
      return 'Your session has ended. Sign in again.';
    case 403:
      return 'You do not have permission to do that.';
    case 404:
      return 'We could not find that.';
    case 409:
      return 'That clashes with something that already exists.';
    case 413:
      return 'That is too large to send in one go.';
    case 429:
      return 'Too many requests at once. Wait a moment and try again.';
    default:
      return 'Something went wrong on our side. Try again in a minute.';
  }
}
