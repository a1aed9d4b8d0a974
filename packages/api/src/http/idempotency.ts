import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from './canonical-json.js';
import { decodeOr400 } from './decode.js';
import { HttpError, validationFailed } from './http-error.js';
import type * as t from 'io-ts';
import { httpError } from './http-error-codes.js';

/**
 * Idempotency without a table: a request with `Idempotency-Key` gets event ids derived from the
 * caller, the key and the route (method and path), and stamps each event with a hash of the
 * canonical DECODED request (`requestHash`). A retry derives the same ids, so one indexed lookup
 * (`readEventsById`) finds what the first attempt wrote: the same hash is an identical retry,
 * answered from those events; another hash is `422 idempotency_key_reused` (API.md). Field order
 * and `"5"` vs `"5.0"` do not change the hash: decimals decode to the same scaled bigint.
 */
export interface IdempotentIds {
  /** The n-th event id of this request (0-based). */
  readonly idAt: (n: number) => string;
  /** Hash of the canonical decoded request. */
  readonly requestHash: string;
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

const decodedBodies = new WeakMap<FastifyRequest, unknown>();

/** Decodes the body (or throws 400) and keeps the decoded value: the idempotency hash covers it. */
export const decodeBody = <A, O>(request: FastifyRequest, codec: t.Type<A, O, unknown>): A =>
  recordDecodedBody(request, decodeOr400(codec, request.body, 'body'));

/** Keeps a body decoded elsewhere for the idempotency hash; answers it unchanged. */
export const recordDecodedBody = <A>(request: FastifyRequest, decoded: A): A => {
  decodedBodies.set(request, decoded);
  return decoded;
};

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** The request's idempotency ids, or undefined when it sent no `Idempotency-Key`. */
export const idempotentIds = (request: FastifyRequest): IdempotentIds | undefined => {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || !keyPattern.test(key))
    throw validationFailed([
      { path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters' },
    ]);
  const seed = sha256(`${request.principal.name}\0${key}\0${request.method} ${request.url}`);
  const body = decodedBodies.has(request) ? decodedBodies.get(request) : (request.body ?? null);
  return {
    idAt: (n) => uuidFrom(createHash('sha256').update(seed).update(String(n)).digest()),
    requestHash: sha256(canonicalJson(body)).toString('hex'),
  };
};

export const idempotencyKeyReused = (): HttpError =>
  httpError('idempotency_key_reused', 'this Idempotency-Key was used for a different request');

/** Formats 16 bytes of a hash as an RFC 9562 version-8 (custom) UUID. */
export const uuidFrom = (hash: Buffer): string => {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
