import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  ConcurrencyError,
  isConnectionLoss,
  WrongExpectedRevisionError,
} from '@erpcore/eventstore';
import { InvalidCursorError } from '@erpcore/projections';
import { DomainRefusal } from './domain-refusal.js';
import { domainErrorStatus } from './error-status.js';
import { HttpError } from './http-error.js';

/** The one envelope every error is answered with. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: readonly unknown[];
  };
}

const envelope = (code: string, message: string, details: readonly unknown[] = []): ErrorBody => ({
  error: { code, message, details },
});

/** Classifies any thrown value into status + envelope. Pure, so it is unit tested directly. */
export const toErrorResponse = (
  error: unknown,
): { readonly status: number; readonly body: ErrorBody } => {
  if (error instanceof HttpError)
    return { status: error.statusCode, body: envelope(error.code, error.message, error.details) };
  if (error instanceof DomainRefusal) {
    const { status, code } = domainErrorStatus(error.error.code);
    return { status, body: envelope(code, error.error.message, error.error.details ?? []) };
  }
  if (error instanceof InvalidCursorError)
    return {
      status: 400,
      body: envelope('validation_failed', 'the request does not decode', [
        { path: 'query.cursor', message: 'not a cursor this API handed out' },
      ]),
    };
  if (error instanceof ConcurrencyError || error instanceof WrongExpectedRevisionError)
    return {
      status: 409,
      body: envelope('conflict', 'a concurrent write won; retry with fresh state'),
    };
  // The database went away under the request (restart, failover): retryable, not a bug.
  if (isConnectionLoss(error))
    return {
      status: 503,
      body: envelope('not_ready', 'the database connection was lost; retry shortly'),
    };
  const fastifyError = error as Partial<FastifyError> | null;
  // Routing refusals, raised before any route runs (see `frameworkErrors` in build-app.ts).
  if (fastifyError?.code === 'FST_ERR_BAD_URL' || fastifyError?.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return {
      status: 400,
      body: envelope('validation_failed', 'the request does not decode', [
        {
          path: 'params',
          message:
            fastifyError.code === 'FST_ERR_BAD_URL'
              ? 'not a valid URL (bad percent-encoding)'
              : 'a path parameter is too long',
        },
      ]),
    };
  const status = typeof fastifyError?.statusCode === 'number' ? fastifyError.statusCode : 500;
  // Fastify's own 4xx (body parsing, content type, size): stable codes, Fastify's short message.
  if (status === 413)
    return { status, body: envelope('payload_too_large', 'the body is over 1 MiB') };
  if (status === 415)
    return { status, body: envelope('unsupported_media_type', 'send application/json') };
  if (status === 400)
    return {
      status,
      body: envelope('validation_failed', fastifyError?.message ?? 'bad request', [
        { path: 'body', message: fastifyError?.message ?? 'bad request' },
      ]),
    };
  if (status === 404) return { status, body: envelope('not_found', 'no such resource') };
  if (status >= 400 && status < 500)
    return { status, body: envelope('bad_request', fastifyError?.message ?? 'bad request') };
  return { status: 500, body: envelope('internal_error', 'internal error') };
};

/** Fastify error handler: logs what is ours to fix, answers the envelope, never a stack trace. */
export const errorHandler = (
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply => {
  const { status, body } = toErrorResponse(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return reply.status(status).type('application/json; charset=utf-8').send(body);
};

/** Unknown routes: 404 in the same envelope. */
export const notFoundHandler = (request: FastifyRequest, reply: FastifyReply): FastifyReply =>
  reply
    .status(404)
    .send(envelope('not_found', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`));
