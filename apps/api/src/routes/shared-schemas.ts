import { z } from '@hono/zod-openapi';

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

export const IdParams = z.object({
  id: z
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '6f1c5a4e-8f9b-4d1e-9c55-0a7d1c2b3e4f' }),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

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
