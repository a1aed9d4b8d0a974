type Release = () => void;

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

/** Runs `fn` holding in-process FIFO locks on `keys` within `scope`. */
export type WithKeyedLocks = <T>(
  scope: object,
  keys: readonly string[],
  fn: () => Promise<T>,
) => Promise<T>;

/**
 * A family of in-process FIFO locks by key, per scope (an event store: two stores in one process
 * race like two processes). Keys are taken in sorted order and released together, so two holders
 * of overlapping key sets cannot deadlock. Each call makes an independent family.
 */
export const keyedLocks = (): WithKeyedLocks => {
  const byScope = new WeakMap<object, Map<string, Promise<void>>>();
  return async (scope, keys, fn) => {
    let tails = byScope.get(scope);
    if (tails === undefined) {
      tails = new Map();
      byScope.set(scope, tails);
    }
    const releases: Release[] = [];
    try {
      for (const key of [...new Set(keys)].sort()) releases.push(await acquire(tails, key));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  };
};
