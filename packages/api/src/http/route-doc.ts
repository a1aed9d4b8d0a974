import type { FastifySchema } from 'fastify';
import type * as t from 'io-ts';
import { toJsonSchema } from '../openapi/io-ts-to-json-schema.js';
import { commandHeaders } from '../openapi/header-schemas.js';
import type { JsonSchema } from '../openapi/json-schema.js';

type Codec = t.Decoder<unknown, unknown>;

/** What a route's documentation may declare beyond its tag and summary. */
export interface RouteDocOptions {
  readonly description?: string;
  /** `createWarehouse`, `confirmOrder`, … (what a generated client names the call). */
  readonly operationId?: string;
  /** The codecs the handler decodes with: the document shows exactly what they accept. */
  readonly params?: Codec;
  readonly query?: Codec;
  /** `commandHeaders` / `readHeaders` (header-schemas.ts), or a codec. */
  readonly headers?: Codec | JsonSchema;
  readonly body?: Codec;
  readonly example?: unknown;
  /** Success answers by status: a codec, or a JSON Schema for what the handler returns. */
  readonly responses?: Readonly<Record<number, Codec | JsonSchema>>;
  /** The error codes this route can answer, beside the ones every route can. */
  readonly errors?: readonly string[];
  /**
   * Fastify serializes the 200 answer from its schema (fast-json-stringify, about half the CPU
   * of JSON.stringify for a product's stock) instead of with JSON.stringify. Only for a hot read
   * whose answer is built key by key in the schema's order with every key present: the bytes are
   * then the same, but a key the schema lacks is dropped and a missing one fails the request.
   */
  readonly serializeFromSchema?: boolean;
  /** The least role the route needs; `public` routes need no key (`security: []`). */
  readonly role?: 'public' | 'auditor' | 'operator' | 'admin';
}

const isCodec = (value: Codec | JsonSchema): value is Codec =>
  typeof (value as { decode?: unknown }).decode === 'function';

/** The key under which a route carries what only the document shows (see docs.plugin.ts). */
export const openApiKey = 'x-erpcore-openapi';

/**
 * OpenAPI documentation for a route, without validation: requests are decoded with io-ts inside
 * the handler (one validator per request), so the JSON Schemas derived from those same codecs
 * ride under `openApiKey`, which Fastify neither validates nor serializes with (a 200 answer opted
 * in with `serializeFromSchema` excepted); the docs plugin moves them into place when it builds
 * the document.
 */
export const doc = (tag: string, summary: string, options: RouteDocOptions = {}): FastifySchema => {
  const forDocument: Record<string, unknown> = {};
  if (options.params !== undefined) forDocument['params'] = toJsonSchema(options.params);
  if (options.query !== undefined) forDocument['querystring'] = toJsonSchema(options.query);
  if (options.headers !== undefined)
    forDocument['headers'] = isCodec(options.headers)
      ? toJsonSchema(options.headers)
      : options.headers;
  if (options.body !== undefined)
    forDocument['body'] = {
      ...toJsonSchema(options.body),
      ...(options.example === undefined ? {} : { examples: [options.example] }),
    };
  // Seen by Fastify, unlike the rest: the document takes its responses from `forDocument`.
  const ok = options.responses?.[200];
  const serializing =
    options.serializeFromSchema === true && ok !== undefined
      ? { response: { 200: isCodec(ok) ? toJsonSchema(ok) : ok } }
      : {};
  if (options.responses !== undefined) {
    const response: Record<string, JsonSchema> = {};
    for (const [status, shape] of Object.entries(options.responses))
      response[status] = {
        description: Number(status) === 201 ? 'Created' : 'OK',
        ...(isCodec(shape) ? toJsonSchema(shape) : shape),
      };
    forDocument['response'] = response;
  }
  const roleText =
    options.role === undefined
      ? undefined
      : options.role === 'public'
        ? 'Public: no key needed.'
        : `Least role: \`${options.role}\`.`;
  const description = [options.description, roleText].filter((d) => d !== undefined).join('\n\n');
  const schema: Record<string, unknown> = {
    tags: [tag],
    summary,
    ...(description === '' ? {} : { description }),
    ...(options.operationId === undefined ? {} : { operationId: options.operationId }),
    ...(options.role === undefined
      ? {}
      : options.role === 'public'
        ? { security: [] }
        : { 'x-erpcore-role': options.role }),
    ...(options.errors === undefined ? {} : { 'x-erpcore-errors': options.errors }),
    ...serializing,
    [openApiKey]: forDocument,
  };
  return schema;
};

/**
 * A command route's documentation: `Idempotency-Key` among its headers, the least role
 * `operator` unless said otherwise, and the two errors every command can answer (`conflict`
 * when its retries run out, `idempotency_key_reused`) before the route's own.
 */
export const commandDoc = (
  tag: string,
  summary: string,
  options: Omit<RouteDocOptions, 'headers'> = {},
): FastifySchema =>
  doc(tag, summary, {
    role: 'operator',
    headers: commandHeaders,
    ...options,
    errors: ['conflict', 'idempotency_key_reused', ...(options.errors ?? [])],
  });

/** What a command that posts to the ledger can be refused for, beside its own errors. */
export const postingErrors = ['period_locked', 'unknown_account', 'account_closed'] as const;
