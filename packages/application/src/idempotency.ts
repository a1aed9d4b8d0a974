/**
 * What makes a command idempotent: the ids its events take (derived by the caller, e.g. from the
 * caller, an `Idempotency-Key` and the route) and a hash of the canonical request. An earlier
 * attempt's events are found by ONE `readEventsById` over `candidateIds`; the same hash is an
 * identical retry (replayed), another hash a reused key.
 */
export interface Idempotency {
  /** The n-th event id of the command (the command's context draws its event ids from it). */
  readonly idAt: (n: number) => string;
  readonly requestHash: string;
}

/**
 * How many derived ids a lookup tries: attempts after a lost race draw later ids of the sequence
 * (the counter runs on across attempts); 64 covers e.g. eight attempts of eight events.
 */
export const idempotentIdWindow = 64;

export const candidateIds = (idempotency: Idempotency): string[] =>
  Array.from({ length: idempotentIdWindow }, (_x, n) => idempotency.idAt(n));

/** The same idempotency key with a different request (API.md: 422). */
export interface IdempotencyKeyReused {
  readonly code: 'idempotency_key_reused';
  readonly message: string;
  readonly details: readonly never[];
}

export const idempotencyKeyReused: IdempotencyKeyReused = {
  code: 'idempotency_key_reused',
  message: 'this Idempotency-Key was used for a different request',
  details: [],
};
