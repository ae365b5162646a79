// One error type for every service. A service says what went wrong in domain terms (a code and a
// sentence for the person); it never knows about HTTP. lib/http-errors.ts is the one place that
// turns a code into a status and the `{ error: { code, message, details? } }` envelope, so the
// queue consumer and cron can throw and catch the very same errors.
export const errorCodes = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'LINK_NOT_FOUND',
  'LINK_EXPIRED',
  'LINK_WITHDRAWN',
  'REQUEST_CLOSED',
  'CONFLICT',
  'EMAIL_TAKEN',
  'ALREADY_LEFT',
  'NOT_LEFT',
  /** A signed copy asked for before anything was signed. */
  'NOT_SIGNED',
  'VERSION_CHANGED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'VALIDATION_FAILED',
  'TOO_MANY_REQUESTS',
  'BAD_ENVIRONMENT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found.`);

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
