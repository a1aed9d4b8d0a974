import type { SqlClient } from '../sql/sql-client.js';
import { eventsChannel } from './schema.sql.js';

/** Tells subscribers (in any process) that events were committed. */
export interface AppendNotifier {
  /** Call after a commit that wrote events. Never waits, never throws. */
  notify(): void;
}

/**
 * Least time between two notifications (ms). A lone writer committing every millisecond paid a
 * NOTIFY statement (a round trip and a commit on the server) per append; with this gap it pays
 * one per few appends, and a subscriber in another process learns of news at most this late.
 */
export const notifyGapMs = 4;

/**
 * Coalescing NOTIFY outside the appending transaction: at most one in flight and at most one per
 * `gapMs`; appends that finish meanwhile are covered by one more after it. A lost notification
 * only delays readers until their next poll.
 */
export const createAppendNotifier = (client: SqlClient, gapMs = notifyGapMs): AppendNotifier => {
  let busy = false;
  let again = false;
  let lastSent = Number.NEGATIVE_INFINITY;
  const send = (): void => {
    busy = true;
    again = false;
    lastSent = performance.now();
    client
      .query('select pg_notify($1, $2)', [eventsChannel, ''])
      .catch(() => undefined)
      .finally(release);
  };
  // Busy until the gap after the last send is over; news that arrived meanwhile goes then.
  function release(): void {
    const wait = lastSent + gapMs - performance.now();
    if (wait > 0) {
      setTimeout(release, wait).unref();
      return;
    }
    busy = false;
    if (again) send();
  }
  return {
    notify: () => {
      if (busy) again = true;
      else send();
    },
  };
};
