import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { validationFailed } from './http-error.js';

/**
 * Idempotency without a table: a request with `Idempotency-Key` gets event ids derived from the
 * caller, the key, the route and the body. A retry of the identical request derives the same ids,
 * so the store's eventId dedupe makes a racing retry a no-op, and a later retry finds its events
 * in the stream and is answered from them. The same key with another body derives other ids and
 * meets the usual `409 conflict`.
 */
export interface IdempotentIds {
  /** The n-th event id of this request (0-based). */
  readonly idAt: (n: number) => string;
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** The request's idempotency ids, or undefined when it sent no `Idempotency-Key`. */
export const idempotentIds = (request: FastifyRequest): IdempotentIds | undefined => {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || !keyPattern.test(key))
    throw validationFailed([
      { path: 'headers.idempotency-key', message: 'must be 1–255 visible ASCII characters' },
    ]);
  const seed = createHash('sha256')
    .update(
      `${request.principal.name}\0${key}\0${request.method} ${request.url}\0${JSON.stringify(request.body ?? null)}`,
    )
    .digest();
  return { idAt: (n) => uuidFrom(createHash('sha256').update(seed).update(String(n)).digest()) };
};

/** Formats 16 bytes of a hash as an RFC 9562 version-8 (custom) UUID. */
export const uuidFrom = (hash: Buffer): string => {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
