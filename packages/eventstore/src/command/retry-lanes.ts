type Release = () => void;

/** Per scope: the tail of each stream's queue of retries. */
const lanes = new WeakMap<object, Map<string, Promise<void>>>();

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
 * Runs a retry holding an in-process FIFO lane on each stream it lost a race on (taken in sorted
 * order and all released after the attempt, so two retries cannot deadlock). Why: when N commands
 * of one process lose the same race, letting all N retry at once only makes N-1 lose again; in a
 * lane they retry one after another, each on the revision its predecessor wrote, and only the
 * other processes' writers still race (the expected revision stays the real guard). First
 * attempts never queue: an uncontended command pays nothing. The scope is the event store, so
 * two stores in one process (two API instances in a test) race like two processes.
 */
export const withRetryLanes = async <T>(
  scope: object,
  streamIds: readonly string[],
  fn: () => Promise<T>,
): Promise<T> => {
  let tails = lanes.get(scope);
  if (tails === undefined) {
    tails = new Map();
    lanes.set(scope, tails);
  }
  const releases: Release[] = [];
  try {
    for (const key of [...new Set(streamIds)].sort()) releases.push(await acquire(tails, key));
    return await fn();
  } finally {
    for (const release of releases.reverse()) release();
  }
};
