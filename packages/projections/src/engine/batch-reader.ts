import type { StoredEvent, Subscription } from '@erpcore/eventstore';

export interface BatchReader {
  /**
   * The next batch: waits for a first event (or `stopped`), then collects until `batchSize`
   * events or `maxBatchWaitMs` after the first one. An empty batch means stopped or the log ended.
   */
  next(stopped: Promise<void>): Promise<readonly StoredEvent[]>;
}

/** Groups a subscription's events into size- and time-bounded batches. */
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

  const race = async <T>(
    promise: Promise<T>,
    stopped: Promise<void>,
    ms: number | undefined,
  ): Promise<T | 'stop' | 'timeout'> => {
    let timer: NodeJS.Timeout | undefined;
    const contenders: Array<Promise<T | 'stop' | 'timeout'>> = [
      promise,
      stopped.then(() => 'stop' as const),
    ];
    if (ms !== undefined)
      contenders.push(
        new Promise<'timeout'>(
          (resolve) => (timer = setTimeout(() => resolve('timeout'), Math.max(0, ms))),
        ),
      );
    try {
      return await Promise.race(contenders);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };

  return {
    next: async (stopped) => {
      if (deferred !== undefined) {
        const { error } = deferred;
        deferred = undefined;
        throw error;
      }
      const batch: StoredEvent[] = [];
      let deadline = 0;
      while (!ended && batch.length < batchSize) {
        pending ??= iterator.next();
        let result: IteratorResult<StoredEvent> | 'stop' | 'timeout';
        try {
          result = await race(
            pending,
            stopped,
            batch.length === 0 ? undefined : deadline - Date.now(),
          );
        } catch (error) {
          pending = undefined;
          if (batch.length === 0) throw error;
          deferred = { error };
          break;
        }
        if (result === 'stop' || result === 'timeout') break;
        pending = undefined;
        if (result.done === true) {
          ended = true;
          break;
        }
        batch.push(result.value);
        if (batch.length === 1) deadline = Date.now() + maxBatchWaitMs;
      }
      return batch;
    },
  };
};
