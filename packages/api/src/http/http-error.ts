/** One failing path of a request, as `details` lists it. */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

/**
 * An error the API answers with as is: status, stable code, message, details. Route code throws
 * these (or returns domain errors); the one error handler turns every error into the envelope.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
  }
}

export const validationFailed = (details: readonly ErrorDetail[]): HttpError =>
  new HttpError(400, 'validation_failed', 'the request does not decode', details);
