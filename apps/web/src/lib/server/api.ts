import { dev } from '$app/environment';
import type { Cookies } from '@sveltejs/kit';
import type {
  ApiErrorBody,
  AuditEntry,
  AuditQuery,
  ImportReport,
  Me,
  Page,
  PeopleQuery,
  Person,
  PersonInput,
  PersonPatch,
  School,
  SchoolInput,
} from '$lib/types';
import { apiUrl, DEFAULT_API_URL } from './config';
import { readSession } from './session';

/*
 * The web app's only door to data. It runs on the server (loads and form actions), never in the
 * browser: the session token stays in an httpOnly cookie and is forwarded as a bearer token.
 *
 * Typed by `$lib/types` (the /v1 contract) through a thin fetch wrapper. When
 * `@attest/api/app-type` exists, `hc<AppType>(base, { fetch, headers })` from `hono/client` can
 * replace `request()` below without changing any caller: every page talks to `Api`, not to fetch.
 */

/** What `createApi` needs from a SvelteKit RequestEvent. */
export interface ApiEvent {
  cookies: Cookies;
  platform?: Readonly<App.Platform>;
}

export interface FieldError {
  path: string;
  message: string;
}

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

type Query = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: Query;
  json?: unknown;
  /** Raw body with its own content type (CSV import). */
  body?: { text: string; contentType: string };
}

type FetchFn = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

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

export function createApi(event: ApiEvent) {
  const token = readSession(event.cookies);
  const { base, fetch: send } = resolveTransport(event.platform);

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(path, base);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    const headers = new Headers({ accept: 'application/json' });
    if (token) headers.set('authorization', `Bearer ${token}`);
    let body: string | undefined;
    if (options.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(options.json);
    } else if (options.body) {
      headers.set('content-type', options.body.contentType);
      body = options.body.text;
    }

    let response: Response;
    try {
      response = await send(url, { method, headers, body });
    } catch (cause) {
      console.error(`API ${method} ${url.pathname} unreachable`, cause);
      throw new ApiError(
        503,
        'API_UNREACHABLE',
        'Attest could not reach its data service. Try again in a minute.',
      );
    }

    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }

    if (!response.ok) {
      const envelope = (parsed as Partial<ApiErrorBody> | undefined)?.error;
      if (envelope && typeof envelope.message === 'string') {
        throw new ApiError(response.status, envelope.code ?? 'ERROR', envelope.message, envelope.details);
      }
      throw new ApiError(response.status, 'ERROR', fallbackMessage(response.status));
    }
    if (parsed === undefined && text) {
      throw new ApiError(502, 'BAD_RESPONSE', 'Attest’s data service sent an answer we could not read.');
    }
    return parsed as T;
  }

  return {
    /** True when there is a session cookie at all (it may still be expired). */
    hasSession: token !== null,

    me: () => request<Me>('GET', '/v1/me'),

    schools: {
      list: () => request<{ data: School[] }>('GET', '/v1/schools'),
      get: (id: string) => request<School>('GET', `/v1/schools/${encodeURIComponent(id)}`),
      create: (input: SchoolInput) => request<School>('POST', '/v1/schools', { json: input }),
      update: (id: string, patch: Partial<SchoolInput>) =>
        request<School>('PATCH', `/v1/schools/${encodeURIComponent(id)}`, { json: patch }),
      importPeople: (id: string, csv: string) =>
        request<ImportReport>('POST', `/v1/schools/${encodeURIComponent(id)}/people/import`, {
          body: { text: csv, contentType: 'text/csv' },
        }),
    },

    people: {
      list: (query: PeopleQuery = {}) => request<Page<Person>>('GET', '/v1/people', { query: { ...query } }),
      get: (id: string) => request<Person>('GET', `/v1/people/${encodeURIComponent(id)}`),
      create: (input: PersonInput) => request<Person>('POST', '/v1/people', { json: input }),
      update: (id: string, patch: PersonPatch) =>
        request<Person>('PATCH', `/v1/people/${encodeURIComponent(id)}`, { json: patch }),
      leave: (id: string, schoolId: string) =>
        request<Person>('POST', `/v1/people/${encodeURIComponent(id)}/leave`, { json: { schoolId } }),
      rejoin: (id: string, schoolId: string) =>
        request<Person>('POST', `/v1/people/${encodeURIComponent(id)}/rejoin`, { json: { schoolId } }),
    },

    audit: {
      list: (query: AuditQuery = {}) => request<Page<AuditEntry>>('GET', '/v1/audit', { query: { ...query } }),
    },
  };
}

export type Api = ReturnType<typeof createApi>;

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
