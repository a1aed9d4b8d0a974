import type { SqlClient } from '../sql/sql-client.js';
import { eventsChannel } from './schema.sql.js';

/** Tells subscribers (in any process) that events were committed. */
export interface AppendNotifier {
  /** Call after a commit that wrote events. Never waits, never throws. */
  notify(): void;
}

/**
 * Coalescing NOTIFY outside the appending transaction: at most one in flight; appends that
 * finish meanwhile are covered by one more after it. A lost notification only delays readers
 * until their next poll.
 */
export const createAppendNotifier = (client: SqlClient): AppendNotifier => {
  let inFlight = false;
  let again = false;
  const send = (): void => {
    inFlight = true;
    again = false;
    client
      .query('select pg_notify($1, $2)', [eventsChannel, ''])
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
        if (again) send();
      });
  };
  return {
    notify: () => {
      if (inFlight) again = true;
      else send();
    },
  };
};
