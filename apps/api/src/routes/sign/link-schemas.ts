import { z } from '@hono/zod-openapi';
import { json } from '../shared-schemas.ts';

// What every route reached by an emailed link shares: the token in the path and the link's errors.

export const TokenParams = z.object({
  token: z
    .string()
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

export const errorShape = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const linkErrors = {
  404: json(errorShape, 'Unknown link (LINK_NOT_FOUND)'),
  410: json(errorShape, 'Expired (LINK_EXPIRED), withdrawn (LINK_WITHDRAWN) or closed (REQUEST_CLOSED)'),
} as const;

export const MessageSchema = z.object({ message: z.string() }).openapi('LinkMessage');

export const tooMany = { 429: json(errorShape, 'Asked too often (TOO_MANY_REQUESTS)') } as const;
