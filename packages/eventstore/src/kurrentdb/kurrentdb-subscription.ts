import {
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type KurrentDBClient,
} from '@kurrent/kurrentdb-client';
import type { GlobalPosition, StoredEvent, Subscription } from '../event-store.js';
import { isAfter, toReadPosition } from './kurrentdb-position.js';
import { toStoredEvent } from './kurrentdb-recorded-event.js';

type Next = IteratorResult<AllStreamResolvedEvent, undefined>;

/**
 * The port's subscription on KurrentDB's own catch-up subscription to `$all` (server push: it
 * catches up, then follows live), without system events, from our position. The server is
 * opened on the first `next()`, so a subscription stopped before use opens nothing. Events at or
 * before `from` are dropped (see toReadPosition), and so is any event not after the last one
 * delivered: the order the port promises is checked here, not assumed.
 */
export const createKurrentDbSubscription = (
  client: KurrentDBClient,
  from: GlobalPosition,
): Subscription => {
  let stopped = false;
  /** Ends the read in progress, if any (set while one waits). */
  let interrupt: ((done: Next) => void) | undefined;

  async function* follow(): AsyncGenerator<StoredEvent, void, undefined> {
    if (stopped) return;
    const source = client.subscribeToAll({
      fromPosition: toReadPosition(from),
      filter: excludeSystemEvents(),
    });
    const events = source[Symbol.asyncIterator]();
    let last = from;
    try {
      while (!stopped) {
        // A promise per read that stop() can settle early: no handler piles up on a long-lived
        // one. A read that fails after stop() settled it goes to a settled promise: ignored.
        const next = await new Promise<Next>((resolve, reject) => {
          interrupt = resolve;
          events.next().then(resolve, reject);
        });
        interrupt = undefined;
        if (next.done === true) return;
        const stored = toStoredEvent(next.value);
        if (stored === undefined || !isAfter(stored.position, last)) continue;
        last = stored.position;
        yield stored;
      }
    } finally {
      await source.unsubscribe().catch(() => undefined);
    }
  }

  const iterator = follow();
  return {
    [Symbol.asyncIterator]: () => iterator,
    stop: async () => {
      stopped = true;
      interrupt?.({ done: true, value: undefined });
      await iterator.return(undefined);
    },
  };
};
