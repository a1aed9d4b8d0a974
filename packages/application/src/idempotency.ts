import type { EventStore, StoredEvent } from '@erpcore/eventstore';

/**
 * What makes a command idempotent: the ids its events take (derived by the caller, e.g. from the
 * caller, an `Idempotency-Key` and the route) and a hash of the canonical request. An earlier
 * attempt's events are found by `findEarlierAttempt`; the same hash is an
 * identical retry (replayed), another hash a reused key.
 */
export interface Idempotency {
  /** The n-th event id of the command (the command's context draws its event ids from it). */
  readonly idAt: (n: number) => string;
  readonly requestHash: string;
}

/** How many further derived ids each lookup after the first event asks for at once. */
const followingIdsChunk = 256;

/**
 * The events an earlier attempt of the same command wrote, in global order (empty when none).
 * Every attempt draws its ids from `idAt(0)` on, so the common case (no earlier attempt) is ONE
 * indexed lookup of one id; when it exists, the rest of its ids are read in chunks until a chunk
 * comes back short, however many events the command wrote.
 */
export const findEarlierAttempt = async (
  store: EventStore,
  idempotency: Idempotency,
): Promise<readonly StoredEvent[]> => {
  const found = [...(await store.readEventsById([idempotency.idAt(0)]))];
  if (found.length === 0) return found;
  for (let from = 1; ; from += followingIdsChunk) {
    const ids = Array.from({ length: followingIdsChunk }, (_x, i) => idempotency.idAt(from + i));
    const more = await store.readEventsById(ids);
    found.push(...more);
    if (more.length < followingIdsChunk) break;
  }
  return found.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
};

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
