import { httpErrorStatus } from '../http/http-error-codes.js';
import { errorSchema } from './response-schemas.js';

/**
 * Codes any keyed route can answer whatever it does: bad input (headers, query, a cursor), auth,
 * rate limits, the database lost under the request (503 `not_ready`, retryable), and a bug (500
 * `internal_error`, in the same envelope, never a stack trace).
 */
export const commonErrorCodes = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'not_ready',
  'internal_error',
];
/** What Fastify refuses before a route with a body runs (error-handler.ts). */
export const bodyErrorCodes = ['payload_too_large', 'unsupported_media_type'];
/** What a public route can answer whatever it does. */
const publicErrorCodes = ['rate_limited', 'internal_error'];

/** Codes the error handler answers for Fastify's own refusals, beside the HTTP layer's table. */
const frameworkStatus: Readonly<Record<string, number>> = {
  payload_too_large: 413,
  unsupported_media_type: 415,
  bad_request: 400,
  internal_error: 500,
};

/** Headers an error status always carries (http-semantics and the rate limiters set them). */
const errorHeaders: Readonly<Record<number, Record<string, unknown>>> = {
  401: {
    'WWW-Authenticate': {
      description: 'Always `Bearer`: send `Authorization: Bearer <key>`',
      required: true,
      schema: { type: 'string', const: 'Bearer' },
    },
  },
  429: {
    'Retry-After': {
      description: 'Seconds until the limit lets this caller through again',
      required: true,
      schema: { type: 'string', pattern: '^\\d+$' },
    },
  },
};

const has = (table: object, code: string): boolean =>
  Object.prototype.hasOwnProperty.call(table, code);

const statusOf = (code: string): number => {
  if (has(httpErrorStatus, code)) return httpErrorStatus[code as keyof typeof httpErrorStatus];
  const framework = frameworkStatus[code];
  if (framework !== undefined) return framework;
  // Every other code is a domain refusal (API.md: 422).
  return 422;
};

interface Operation {
  responses?: Record<string, unknown>;
  security?: unknown[];
  requestBody?: unknown;
  'x-erpcore-errors'?: string[];
}

const methodsWithBody = new Set(['post', 'put', 'patch']);

/**
 * Adds the shared `Error` component and, to every operation, one response per error status it
 * can answer, listing the codes (`x-erpcore-codes`). Public operations skip 401/403.
 */
export const withErrorResponses = <D extends Record<string, unknown>>(document: D): D => {
  const paths = (document['paths'] ?? {}) as Record<string, Record<string, Operation>>;
  for (const operations of Object.values(paths))
    for (const [method, operation] of Object.entries(operations)) {
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      const codes = [
        ...new Set([
          ...(isPublic ? publicErrorCodes : commonErrorCodes),
          ...(methodsWithBody.has(method) ? bodyErrorCodes : []),
          ...(operation['x-erpcore-errors'] ?? []),
        ]),
      ];
      const byStatus = new Map<number, string[]>();
      for (const code of codes)
        byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
      const responses = { ...(operation.responses ?? {}) };
      for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b))
        responses[String(status)] ??= {
          description: list.join(', '),
          'x-erpcore-codes': list,
          ...(errorHeaders[status] === undefined ? {} : { headers: errorHeaders[status] }),
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        };
      operation.responses = responses;
    }
  const components = (document['components'] ?? {}) as Record<string, Record<string, unknown>>;
  return {
    ...document,
    components: {
      ...components,
      schemas: { ...(components['schemas'] ?? {}), Error: errorSchema },
    },
  };
};
