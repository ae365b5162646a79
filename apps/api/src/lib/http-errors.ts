import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainError, ErrorCode } from './errors.ts';

// The one place a domain error becomes HTTP: its status and the envelope every client reads.

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
  NOT_SIGNED: 409,
  VERSION_CHANGED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  TOO_MANY_REQUESTS: 429,
  BAD_ENVIRONMENT: 500,
  INTERNAL: 500,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

/** Hono's own failures (malformed JSON, a body limit) by status, as our codes. */
export const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(error: DomainError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

export const httpStatusOf = (error: DomainError): ContentfulStatusCode => errorStatus[error.code];
