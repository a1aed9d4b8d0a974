import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { StoredEvent } from '@erpcore/eventstore';
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

/**
 * How many derived ids a lookup tries: a command retried after lost races draws later ids of the
 * sequence (the counter runs on across attempts): 64 covers e.g. eight attempts of eight events.
 */
export const idempotentIdWindow = 64;

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

/**
 * The events an earlier attempt of this request wrote (empty when none, or when the request has
 * no key), by ONE indexed lookup of the derived ids. Throws `422 idempotency_key_reused` when
 * they were written by a different request under the same key.
 */
export const findPriorAttempt = async (request: FastifyRequest): Promise<StoredEvent[]> => {
  const ids = idempotentIds(request);
  if (ids === undefined) return [];
  const found = await request.server.erp.store.readEventsById(
    Array.from({ length: idempotentIdWindow }, (_x, n) => ids.idAt(n)),
  );
  if (found.some((e) => e.metadata.requestHash !== ids.requestHash)) throw idempotencyKeyReused();
  return [...found];
};

/** Thrown by the guard below: an identical earlier attempt wrote these events. */
export class PriorAttemptFound extends Error {
  override readonly name = 'PriorAttemptFound';
  constructor(readonly events: readonly StoredEvent[]) {
    super('an identical earlier request already ran');
  }
}

/**
 * The `beforeAppend` of a request with a key: aborts with `PriorAttemptFound` (identical earlier
 * request) or `422 idempotency_key_reused` (a different one) before anything is appended.
 */
export const priorAttemptGuard = (request: FastifyRequest) => async (): Promise<void> => {
  const found = await findPriorAttempt(request);
  if (found.length > 0) throw new PriorAttemptFound(found);
};

/**
 * Runs a command; when its guard found an earlier attempt, answers with `replay` of that
 * attempt's events instead. `replay` answers undefined only for events of another command.
 */
export const runOrReplay = async <T, R>(
  run: () => Promise<T>,
  replay: (events: readonly StoredEvent[]) => Promise<R | undefined> | R | undefined,
): Promise<{ readonly ran: T } | { readonly replayed: R }> => {
  try {
    return { ran: await run() };
  } catch (error) {
    if (!(error instanceof PriorAttemptFound)) throw error;
    const replayed = await replay(error.events);
    if (replayed === undefined) throw idempotencyKeyReused();
    return { replayed };
  }
};

/** Formats 16 bytes of a hash as an RFC 9562 version-8 (custom) UUID. */
export const uuidFrom = (hash: Buffer): string => {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
