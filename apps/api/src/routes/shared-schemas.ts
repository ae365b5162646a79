import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string().openapi({ example: "email: 'j.smith@' is not an email address" }),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

/** The failures every authenticated route can answer, for the OpenAPI document. */
export const authErrors = {
  401: error('No session token, or an expired or forged one'),
  403: error('Signed in, but without the role this needs'),
} as const;
export const notFoundError = { 404: error('Not found, or belonging to another trust') } as const;
export const badInput = {
  400: error('Malformed request (bad JSON, bad query string)'),
  422: error('The body is understood but its values are not valid'),
} as const;
export const conflict = { 409: error('Conflicts with what is already there') } as const;

const failures = { badInput, notFound: notFoundError, conflict } as const;
type Failure = keyof typeof failures;
// The named failures' answers as one type (a union of them, turned into their intersection).
type AllOf<F extends Failure> = (F extends unknown ? (x: (typeof failures)[F]) => void : never) extends (
  x: infer All,
) => void
  ? All
  : never;

/**
 * What a signed-in route can answer besides its success, for the OpenAPI document: always 401 and
 * 403, and whichever of bad input (400, 422), not found (404) and conflict (409) it names.
 */
export function standardErrors<F extends Failure = never>(...named: F[]): typeof authErrors & AllOf<F> {
  return Object.assign({}, authErrors, ...named.map((f) => failures[f]));
}

export const IdParams = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '6f1c5a4e-8f9b-4d1e-9c55-0a7d1c2b3e4f' }),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** A plain `{ error: { code, message } }` answer (not the shared Error component), for createRoute. */
export const plainError = (description: string) =>
  json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), description);

/** Trimmed text with a length bound; blank counts as missing. */
export const text = (max: number) =>
  z.string().trim().min(1, 'must not be blank').max(max, `must be at most ${max} characters`);

/** A required JSON request body, for createRoute. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

/** A PDF download, for createRoute: listed in /openapi.json as binary. */
export const pdf = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
});

/** Evidence is personal data: a download, never cached by a browser or a proxy. */
export const pdfHeaders = (fileName: string) => ({
  'content-type': 'application/pdf',
  'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`,
  'cache-control': 'private, no-store',
  'x-content-type-options': 'nosniff',
});

/** A list answer, `{ data: [...] }`, for createRoute. */
export const listOf = <T extends z.ZodType>(item: T, description: string) =>
  json(z.object({ data: z.array(item) }), description);

/** One page of a longer list, `{ data, nextCursor }` (null on the last page), for createRoute. */
export const pageOf = <T extends z.ZodType>(item: T, description: string) =>
  json(z.object({ data: z.array(item), nextCursor: z.string().nullable() }), description);

/** A list's query string: its own filters, then forward-only paging over an opaque cursor. */
export const listQuery = <T extends z.ZodRawShape>(filters: T) =>
  z.object({
    ...filters,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  });

/** Free-text search in a list's query string. */
export const searchText = z.string().trim().max(100).optional();

type RouteOptions = Omit<RouteConfig, 'method' | 'path' | 'tags' | 'security'> & { operationId: string };

/**
 * createRoute for one router's signed-in routes: `route.get('/{id}', { operationId, summary, ... })`.
 * Every route it makes is filed under the router's tag and asks for the bearer token (the
 * document's default, said on each operation too; a public route says `security: []` instead).
 */
export function bearerRoutes(tag: string) {
  const tags = [tag];
  const security = [{ bearer: [] }];
  const method =
    <M extends 'get' | 'post' | 'patch'>(m: M) =>
    <P extends string, R extends RouteOptions>(path: P, { operationId, ...options }: R) =>
      createRoute({ method: m, path, operationId, tags, security, ...options });
  return { get: method('get'), post: method('post'), patch: method('patch') };
}
