import type { GlobalPosition, StoredEvent, Subscription } from './event-store.js';

export interface PollingSubscriptionOptions {
  readonly fromPosition: GlobalPosition;
  readonly batchSize: number;
  /** Longest wait between reads when no notification arrives. */
  readonly pollIntervalMs: number;
  /** Events strictly after `from`, in position order, at most `max`. */
  readonly read: (from: GlobalPosition, max: number) => Promise<readonly StoredEvent[]>;
  /** Registers a callback for "there may be news"; returns how to unregister. */
  readonly listen?: (onNews: () => void) => Promise<() => Promise<void>>;
}

/**
 * Catch up in batches, then follow live: read until a short batch, then wait for a notification
 * or the poll interval. Notifications only shorten the wait — a notified event may still be held
 * back (PostgreSQL xmin), so the poll is what guarantees progress.
 */
export const createPollingSubscription = (options: PollingSubscriptionOptions): Subscription => {
  let stopped = false;
  let news = false;
  let wake: (() => void) | undefined;
  const onNews = (): void => {
    news = true;
    wake?.();
  };
  const pause = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, options.pollIntervalMs);
      function done(): void {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function* follow(): AsyncGenerator<StoredEvent, void, undefined> {
    const unlisten = options.listen === undefined ? undefined : await options.listen(onNews);
    try {
      let from = options.fromPosition;
      while (!stopped) {
        news = false;
        const batch = await options.read(from, options.batchSize);
        for (const event of batch) {
          if (stopped) return;
          yield event;
          from = event.position;
        }
        if (batch.length < options.batchSize && !news && !stopped) await pause();
      }
    } finally {
      await unlisten?.();
    }
  }

  const iterator = follow();
  return {
    [Symbol.asyncIterator]: () => iterator,
    stop: async () => {
      stopped = true;
      wake?.();
      await iterator.return(undefined);
    },
  };
};
