import { httpErrorStatus } from '../http/http-error-codes.js';
import { errorSchema } from './response-schemas.js';

/** Codes any route can answer whatever it does (auth, rate limits, readiness, bad input). */
export const commonErrorCodes = ['validation_failed', 'unauthorized', 'forbidden', 'rate_limited'];

const statusOf = (code: string): number => {
  if (Object.prototype.hasOwnProperty.call(httpErrorStatus, code))
    return httpErrorStatus[code as keyof typeof httpErrorStatus];
  // Every other code is a domain refusal (API.md: 422).
  return 422;
};

interface Operation {
  responses?: Record<string, unknown>;
  security?: unknown[];
  'x-erpcore-errors'?: string[];
}

/**
 * Adds the shared `Error` component and, to every operation, one response per error status it
 * can answer, listing the codes (`x-erpcore-codes`). Public operations skip 401/403.
 */
export const withErrorResponses = <D extends Record<string, unknown>>(document: D): D => {
  const paths = (document['paths'] ?? {}) as Record<string, Record<string, Operation>>;
  for (const operations of Object.values(paths))
    for (const operation of Object.values(operations)) {
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      const codes = [
        ...commonErrorCodes.filter((c) => !isPublic || (c !== 'unauthorized' && c !== 'forbidden')),
        ...(operation['x-erpcore-errors'] ?? []),
      ];
      const byStatus = new Map<number, string[]>();
      for (const code of codes)
        byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
      const responses = { ...(operation.responses ?? {}) };
      for (const [status, list] of byStatus)
        responses[String(status)] ??= {
          description: list.join(', '),
          'x-erpcore-codes': list,
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
