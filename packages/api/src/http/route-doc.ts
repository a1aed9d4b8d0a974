import type { FastifySchema } from 'fastify';

/**
 * OpenAPI documentation for a route, without validation: requests are decoded with io-ts inside
 * the handler, so the schema carries only what /docs shows.
 */
export const doc = (
  tag: string,
  summary: string,
  extra: { readonly description?: string } = {},
): FastifySchema => ({ tags: [tag], summary, ...extra }) as FastifySchema;
