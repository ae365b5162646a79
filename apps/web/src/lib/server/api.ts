import type { AppType } from '@attest/api/app-type';
import type { Cookies } from '@sveltejs/kit';
import { type ClientResponse, hc } from 'hono/client';
import { dev } from '$app/environment';
import type {
  AcceptInput,
  ApiErrorBody,
  AuditQuery,
  CampaignInput,
  CampaignRerunInput,
  ClauseInput,
  ClauseQuery,
  ClauseVersionInput,
  PastedPolicy,
  PeopleQuery,
  PersonInput,
  PersonPatch,
  PolicyInput,
  PolicyPatch,
  PublishInput,
  RecipientQuery,
  SchoolInput,
  SchoolPatch,
  SignatureInput,
  SigningPage,
} from '$lib/types';
import { apiUrl, DEFAULT_API_URL } from './config';
import { readSession } from './session';

/*
 * The web app's only door to data. It runs on the server (loads and form actions), never in the
 * browser: the session token stays in an httpOnly cookie and is forwarded as a bearer token.
 *
 * Built on Hono's typed client, `hc<AppType>`, so every path, parameter, body and answer below
 * is checked against the API's own route definitions. Pages call the small facade at the end
 * (`api.schools.get(id)`), which turns any non-2xx answer into an `ApiError`.
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

/** The body of a 2xx answer of a typed `hc` call. */
type Success<R> =
  R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 | 202 ? T : never) : never;

async function call<R extends ClientResponse<unknown, number, 'json'>>(
  what: string,
  send: () => Promise<R>,
): Promise<Success<R>> {
  let response: R;
  try {
    response = await send();
  } catch (cause) {
    console.error(`API ${what} unreachable`, cause);
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
  if (parsed === undefined) {
    throw new ApiError(502, 'BAD_RESPONSE', 'Attest’s data service sent an answer we could not read.');
  }
  return parsed as Success<R>;
}

/** A non-JSON answer (a download), passed on as it came; errors still become `ApiError`. */
async function raw(what: string, send: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await send();
  } catch (cause) {
    console.error(`API ${what} unreachable`, cause);
    throw new ApiError(
      503,
      'API_UNREACHABLE',
      'Attest could not reach its data service. Try again in a minute.',
    );
  }
  if (response.ok) return response;
  const text = await response.text();
  let envelope: Partial<ApiErrorBody>['error'];
  try {
    envelope = (JSON.parse(text) as Partial<ApiErrorBody>).error;
  } catch {
    envelope = undefined;
  }
  if (envelope && typeof envelope.message === 'string') {
    throw new ApiError(response.status, envelope.code ?? 'ERROR', envelope.message, envelope.details);
  }
  throw new ApiError(response.status, 'ERROR', fallbackMessage(response.status));
}

export function createApi(event: ApiEvent) {
  const token = readSession(event.cookies);
  const { base, fetch } = resolveTransport(event.platform);
  const { v1 } = hc<AppType>(base, {
    fetch,
    headers: token
      ? { authorization: `Bearer ${token}`, accept: 'application/json' }
      : { accept: 'application/json' },
  });

  // Signers have no account: their calls never carry the session, even when an admin opens a link.
  const { v1: anonymous } = hc<AppType>(base, { fetch, headers: { accept: 'application/json' } });

  return {
    /** True when there is a session cookie at all (it may still be expired). */
    hasSession: token !== null,

    me: () => call('GET /v1/me', () => v1.me.$get()),

    schools: {
      list: () => call('GET /v1/schools', () => v1.schools.$get()),
      get: (id: string) => call('GET /v1/schools/:id', () => v1.schools[':id'].$get({ param: { id } })),
      create: (input: SchoolInput) => call('POST /v1/schools', () => v1.schools.$post({ json: input })),
      update: (id: string, patch: SchoolPatch) =>
        call('PATCH /v1/schools/:id', () => v1.schools[':id'].$patch({ param: { id }, json: patch })),
      // The body is CSV, which the typed client has no slot for, so it goes in as the raw body.
      /** `missing: 'leave'`: the file is the whole list, and people it does not name have left. */
      importPeople: (id: string, csv: string, missing: 'keep' | 'leave' = 'keep') =>
        call('POST /v1/schools/:id/people/import', () =>
          v1.schools[':id'].people.import.$post(
            { param: { id }, query: { missing } },
            { headers: { 'content-type': 'text/csv; charset=utf-8' }, init: { body: csv } },
          ),
        ),
    },

    people: {
      list: (query: PeopleQuery) => call('GET /v1/people', () => v1.people.$get({ query: compact(query) })),
      get: (id: string) => call('GET /v1/people/:id', () => v1.people[':id'].$get({ param: { id } })),
      create: (input: PersonInput) => call('POST /v1/people', () => v1.people.$post({ json: input })),
      update: (id: string, patch: PersonPatch) =>
        call('PATCH /v1/people/:id', () => v1.people[':id'].$patch({ param: { id }, json: patch })),
      leave: (id: string, schoolId: string) =>
        call('POST /v1/people/:id/leave', () =>
          v1.people[':id'].leave.$post({ param: { id }, json: { schoolId } }),
        ),
      rejoin: (id: string, schoolId: string) =>
        call('POST /v1/people/:id/rejoin', () =>
          v1.people[':id'].rejoin.$post({ param: { id }, json: { schoolId } }),
        ),
    },

    audit: {
      list: (query: AuditQuery) => call('GET /v1/audit', () => v1.audit.$get({ query: compact(query) })),
    },

    clauses: {
      list: (query: ClauseQuery = {}) =>
        call('GET /v1/clauses', () => v1.clauses.$get({ query: compact(query) })),
      get: (id: string) => call('GET /v1/clauses/:id', () => v1.clauses[':id'].$get({ param: { id } })),
      create: (input: ClauseInput) => call('POST /v1/clauses', () => v1.clauses.$post({ json: input })),
      /** A new trust wording, or one school's own wording (`text: null` puts the school back on the trust's). */
      addVersion: (id: string, input: ClauseVersionInput) =>
        call('POST /v1/clauses/:id/versions', () =>
          v1.clauses[':id'].versions.$post({ param: { id }, json: input }),
        ),
      /** How the clause reads at each school; with `text`, how that draft would read. */
      preview: (id: string, text?: string) =>
        call('POST /v1/clauses/:id/preview', () =>
          v1.clauses[':id'].preview.$post({ param: { id }, json: text === undefined ? {} : { text } }),
        ),
    },

    policies: {
      list: () => call('GET /v1/policies', () => v1.policies.$get()),
      get: (id: string) => call('GET /v1/policies/:id', () => v1.policies[':id'].$get({ param: { id } })),
      create: (input: PolicyInput) => call('POST /v1/policies', () => v1.policies.$post({ json: input })),
      update: (id: string, patch: PolicyPatch) =>
        call('PATCH /v1/policies/:id', () => v1.policies[':id'].$patch({ param: { id }, json: patch })),
      preview: (id: string, schoolId: string) =>
        call('GET /v1/policies/:id/preview', () =>
          v1.policies[':id'].preview.$get({ param: { id }, query: { schoolId } }),
        ),
      publish: (id: string, input: PublishInput) =>
        call('POST /v1/policies/:id/publish', () =>
          v1.policies[':id'].publish.$post({ param: { id }, json: input }),
        ),
      versions: (id: string, schoolId?: string) =>
        call('GET /v1/policies/:id/versions', () =>
          v1.policies[':id'].versions.$get({ param: { id }, query: compact({ schoolId }) }),
        ),
    },

    imports: {
      list: () => call('GET /v1/imports', () => v1.imports.$get()),
      get: (id: string) => call('GET /v1/imports/:id', () => v1.imports[':id'].$get({ param: { id } })),
      // The route takes a file (multipart/form-data) or pasted text (JSON), and the typed client asks
      // for both bodies at once; the client sends whichever is defined (JSON wins), so the other
      // is left undefined.
      /** A .docx, .txt or .md file, sent on as multipart/form-data. */
      upload: (file: File, schoolId: string | null) =>
        call('POST /v1/imports (file)', () =>
          v1.imports.$post({ form: { file, ...(schoolId ? { schoolId } : {}) }, json: undefined as never }),
        ),
      /** Pasted text, sent as JSON. */
      paste: (input: PastedPolicy) =>
        call('POST /v1/imports (text)', () => v1.imports.$post({ json: input, form: undefined as never })),
      consolidate: (importIds: string[]) =>
        call('POST /v1/imports/consolidate', () => v1.imports.consolidate.$post({ json: { importIds } })),
      accept: (input: AcceptInput) =>
        call('POST /v1/imports/accept', () => v1.imports.accept.$post({ json: input })),
    },

    campaigns: {
      list: () => call('GET /v1/campaigns', () => v1.campaigns.$get()),
      get: (id: string) => call('GET /v1/campaigns/:id', () => v1.campaigns[':id'].$get({ param: { id } })),
      create: (input: CampaignInput) => call('POST /v1/campaigns', () => v1.campaigns.$post({ json: input })),
      /** Next year's round: a new draft copying a sent campaign, with a new due date. */
      rerun: (id: string, input: CampaignRerunInput) =>
        call('POST /v1/campaigns/:id/rerun', () =>
          v1.campaigns[':id'].rerun.$post({ param: { id }, json: input }),
        ),
      /** Send for signing: writes the recipients and queues the emails. */
      launch: (id: string) =>
        call('POST /v1/campaigns/:id/launch', () => v1.campaigns[':id'].launch.$post({ param: { id } })),
      recipients: (id: string, query: RecipientQuery = {}) =>
        call('GET /v1/campaigns/:id/recipients', () =>
          v1.campaigns[':id'].recipients.$get({ param: { id }, query: compact(query) }),
        ),
      /** The evidence as CSV: the API's answer itself, to be passed on as a download. */
      signaturesCsv: (id: string) =>
        raw('GET /v1/campaigns/:id/signatures.csv', () =>
          v1.campaigns[':id']['signatures.csv'].$get({ param: { id } }),
        ),
      /** Chase: remind everyone who has not signed at one school (or all), once a day per school. */
      remind: (id: string, schoolId?: string) =>
        call('POST /v1/campaigns/:id/remind', () =>
          v1.campaigns[':id'].remind.$post({ param: { id }, json: compact({ schoolId }) }),
        ),
      /** The signing email as one person gets it (placeholder link), and who else to preview as. */
      preview: (id: string, personId?: string) =>
        call('GET /v1/campaigns/:id/preview', () =>
          v1.campaigns[':id'].preview.$get({ param: { id }, query: compact({ personId }) }),
        ),
      questions: (id: string, schoolId?: string) =>
        call('GET /v1/campaigns/:id/questions', () =>
          v1.campaigns[':id'].questions.$get({ param: { id }, query: compact({ schoolId }) }),
        ),
      /** One person's signed copy (PDF), passed on as a download. */
      signedCopy: (id: string, recipientId: string) =>
        raw('GET /v1/campaigns/:id/recipients/:recipientId/copy.pdf', () =>
          v1.campaigns[':id'].recipients[':recipientId']['copy.pdf'].$get({ param: { id, recipientId } }),
        ),
      /** One school's evidence pack (PDF). The API records each download in the audit log. */
      evidencePack: (id: string, schoolId: string) =>
        raw('GET /v1/campaigns/:id/schools/:schoolId/evidence.pdf', () =>
          v1.campaigns[':id'].schools[':schoolId']['evidence.pdf'].$get({ param: { id, schoolId } }),
        ),
    },

    /** The emailed signing link: the token is the only credential, and it is never logged. */
    sign: {
      get: (token: string) =>
        call('GET /v1/sign/:token', () =>
          anonymous.sign[':token'].$get({ param: { token } }),
        ) as Promise<SigningPage>,
      submit: (token: string, input: SignatureInput) =>
        call('POST /v1/sign/:token', () =>
          anonymous.sign[':token'].$post({ param: { token }, json: input }),
        ) as Promise<SigningPage>,
      /** From an expired link: replace it and email the new one to the address on record. */
      freshLink: (token: string) =>
        call('POST /v1/sign/:token/fresh-link', () =>
          anonymous.sign[':token']['fresh-link'].$post({ param: { token } }),
        ),
      /** From an unrecognised link: email every open request for this address (same answer for any address). */
      requestLink: (email: string) =>
        call('POST /v1/sign/fresh-link', () => anonymous.sign['fresh-link'].$post({ json: { email } })),
      ask: (token: string, question: string) =>
        call('POST /v1/sign/:token/questions', () =>
          anonymous.sign[':token'].questions.$post({ param: { token }, json: { question } }),
        ),
      /** The signer's copy as a PDF, once signed. */
      copy: (token: string) =>
        raw('GET /v1/sign/:token/copy.pdf', () =>
          anonymous.sign[':token']['copy.pdf'].$get({ param: { token } }),
        ),
    },

    policyVersions: {
      get: (id: string) =>
        call('GET /v1/policy-versions/:id', () => v1['policy-versions'][':id'].$get({ param: { id } })),
      /** Clause by clause, against `against` or (by default) the version published before it. */
      diff: (id: string, against?: string) =>
        call('GET /v1/policy-versions/:id/diff', () =>
          v1['policy-versions'][':id'].diff.$get({ param: { id }, query: compact({ against }) }),
        ),
    },
  };
}

/** Drops empty filters so the query string carries only what was asked for. */
function compact<T extends Record<string, unknown>>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  ) as T;
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
