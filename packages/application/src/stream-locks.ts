import type { EventStore } from '@erpcore/eventstore';

type Release = () => void;

/** Per store: the tail of each stream's queue of waiters. */
const queues = new WeakMap<EventStore, Map<string, Promise<void>>>();

const acquire = async (tails: Map<string, Promise<void>>, key: string): Promise<Release> => {
  const previous = tails.get(key) ?? Promise.resolve();
  let release: Release = () => undefined;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  return () => {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  };
};

/**
 * Runs `fn` holding an in-process FIFO lock on each stream id (taken in sorted order, so two
 * transfers over the same pair cannot deadlock). Why: a hot SKU gets many commands at once;
 * optimistic concurrency alone would have them all load the same revision and all but one
 * retry, again and again (100 concurrent issues would exhaust any sane retry budget). Queued in
 * the process, each loads the revision its predecessor wrote and appends first time. Other
 * processes still race through the store's expected revision, which stays the real guard.
 */
export const withStreamLocks = async <T>(
  store: EventStore,
  streamIds: readonly string[],
  fn: () => Promise<T>,
): Promise<T> => {
  let tails = queues.get(store);
  if (tails === undefined) {
    tails = new Map();
    queues.set(store, tails);
  }
  const releases: Release[] = [];
  try {
    for (const key of [...new Set(streamIds)].sort()) releases.push(await acquire(tails, key));
    return await fn();
  } finally {
    for (const release of releases.reverse()) release();
  }
};
