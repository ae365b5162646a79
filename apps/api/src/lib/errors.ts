import type { ContentfulStatusCode } from 'hono/utils/http-status';

// One error type for the whole API. Every failure a client can cause maps to a code here and is
// answered as `{ error: { code, message, details? } }`; anything else is a 500 INTERNAL.
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LINK_NOT_FOUND: 404,
  LINK_EXPIRED: 410,
  LINK_WITHDRAWN: 410,
  REQUEST_CLOSED: 410,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  ALREADY_LEFT: 409,
  NOT_LEFT: 409,
  /** A signed copy asked for before anything was signed. */
  NOT_SIGNED: 409,
  VERSION_CHANGED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  TOO_MANY_REQUESTS: 429,
  BAD_ENVIRONMENT: 500,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  get status(): ContentfulStatusCode {
    return errorStatus[this.code];
  }
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what} was not found.`);

/** Postgres SQLSTATE of a driver error (NeonDbError and node-postgres both expose `.code`). */
export function pgErrorCode(error: unknown): string | undefined {
  let e: unknown = error;
  // drizzle wraps driver errors in DrizzleQueryError with the original as `cause`.
  for (let i = 0; i < 3 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === '23505';
