import { HttpError } from './http-error.js';

/**
 * Every code the HTTP layer answers by itself (API.md's error table), with its one status. The
 * domain's refusals have their own catalogue (`error-status.ts`); together they are the table.
 */
export const httpErrorStatus = {
  validation_failed: 400,
  invalid_host: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_reused: 422,
  rate_limited: 429,
  not_implemented: 501,
  projection_lagging: 503,
  not_ready: 503,
} as const;

export type HttpErrorCode = keyof typeof httpErrorStatus;

/** An HttpError whose status comes from the catalogue: a code cannot be answered two ways. */
export const httpError = (
  code: HttpErrorCode,
  message: string,
  details: readonly unknown[] = [],
): HttpError => new HttpError(httpErrorStatus[code], code, message, details);
