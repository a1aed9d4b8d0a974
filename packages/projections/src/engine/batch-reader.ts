import type { StoredEvent, Subscription } from '@erpcore/eventstore';

export interface BatchReader {
  /**
   * The next batch: waits for a first event (or `stopped`), then collects until `batchSize`
   * events or `maxBatchWaitMs` after the first one. An empty batch means stopped or the log ended.
   */
  next(stopped: Promise<void>): Promise<readonly StoredEvent[]>;
}

/**
 * Groups a subscription's events into size- and time-bounded batches. A catch-up reads a million
 * events through here, so a wait costs one promise: the stop is watched once per `stopped` and
 * the time bound is one timer per batch (a race against both per event cost a timer each and left
 * a reaction per event on `stopped` until it settled).
 */
export const createBatchReader = (
  subscription: Subscription,
  batchSize: number,
  maxBatchWaitMs: number,
): BatchReader => {
  const iterator = subscription[Symbol.asyncIterator]();
  // A read still in flight when a batch closed on time: the next batch starts with it.
  let pending: Promise<IteratorResult<StoredEvent>> | undefined;
  let ended = false;
  // A read that failed after this batch had events: they are delivered first, the error next.
  let deferred: { readonly error: unknown } | undefined;
  let watched: Promise<void> | undefined;
  let stopping = false;
  let timedOut = false;
  // Ends the current wait early (stop or time bound); the read it waited for stays `pending`.
  let interrupt: (() => void) | undefined;

  const watch = (stopped: Promise<void>): void => {
    if (stopped === watched) return;
    watched = stopped;
    stopping = false;
    void stopped.then(() => {
      if (watched !== stopped) return;
      stopping = true;
      interrupt?.();
    });
  };

  /** The read's result, or undefined when interrupted first. */
  const wait = (
    read: Promise<IteratorResult<StoredEvent>>,
  ): Promise<IteratorResult<StoredEvent> | undefined> =>
    new Promise((resolve, reject) => {
      interrupt = () => resolve(undefined);
      read.then(resolve, reject);
    });

  return {
    next: async (stopped) => {
      if (deferred !== undefined) {
        const { error } = deferred;
        deferred = undefined;
        throw error;
      }
      watch(stopped);
      const batch: StoredEvent[] = [];
      let timer: NodeJS.Timeout | undefined;
      timedOut = false;
      try {
        while (!ended && !stopping && !timedOut && batch.length < batchSize) {
          pending ??= iterator.next();
          let result: IteratorResult<StoredEvent> | undefined;
          try {
            result = await wait(pending);
          } catch (error) {
            pending = undefined;
            if (batch.length === 0) throw error;
            deferred = { error };
            break;
          }
          if (result === undefined) break;
          pending = undefined;
          if (result.done === true) {
            ended = true;
            break;
          }
          batch.push(result.value);
          if (batch.length === 1)
            timer = setTimeout(() => {
              timedOut = true;
              interrupt?.();
            }, maxBatchWaitMs);
        }
      } finally {
        if (timer !== undefined) clearTimeout(timer);
        interrupt = undefined;
      }
      return batch;
    },
  };
};
