import { BACKWARDS, END, excludeSystemEvents, KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { EventStore, StoredEvent } from '../event-store.js';
import { appendStreams } from './kurrentdb-append.js';
import { readAllEvents, readHeadPosition, readStreamEvents } from './kurrentdb-reads.js';
import { toStoredEvent } from './kurrentdb-recorded-event.js';
import { createKurrentDbSubscription } from './kurrentdb-subscription.js';

export interface KurrentDbEventStoreOptions {
  /**
   * How many of a stream's newest events an append searches for its own event ids (default 100),
   * so that a retry is answered as the first append was. See docs/kurrentdb.md for the limits.
   */
  readonly idempotencyWindow?: number;
  /** How many of the log's newest events `readEventsById` searches (default 10,000). */
  readonly idLookupWindow?: number;
  /** Whether `close()` disposes of the client (default false: the caller owns it). */
  readonly closeClient?: boolean;
}

/** The port, plus the lookup of events by id that the port is about to gain. */
export interface KurrentDbEventStore extends EventStore {
  /**
   * The stored events with these ids, in log order. KurrentDB has no index by event id: this
   * searches the newest `idLookupWindow` events of `$all` (newest first, stopping once every id
   * is found), which covers a retry of a recent command; an older id is not found.
   */
  readEventsById(eventIds: readonly string[]): Promise<StoredEvent[]>;
}

/** A client for an `EVENTSTORE_URL`; `esdb://` is the old name of `kurrentdb://`. */
export const connectKurrentDb = (url: string): KurrentDBClient =>
  KurrentDBClient.connectionString(url.replace(/^esdb(\+discover)?:\/\//, 'kurrentdb$1://'));

/**
 * The KurrentDB (EventStoreDB) adapter. Events live in KurrentDB; projection checkpoints and read
 * models stay in PostgreSQL. Needs KurrentDB 22.6+ (event positions on reads), and 25.1+ for
 * `appendMulti` over several streams. See docs/kurrentdb.md for how every part of the port maps.
 */
export const createKurrentDbEventStore = (
  client: KurrentDBClient,
  options: KurrentDbEventStoreOptions = {},
): KurrentDbEventStore => {
  const deps = { client, idempotencyWindow: options.idempotencyWindow ?? 100 };
  const idLookupWindow = options.idLookupWindow ?? 10_000;
  return {
    appendToStream: async (streamId, events, { expectedRevision }) => {
      const result = await appendStreams(deps, [{ streamId, events, expectedRevision }]);
      return { nextRevision: result.streams[0]?.nextRevision ?? -1n, position: result.position };
    },
    appendMulti: (appends) => appendStreams(deps, appends),
    readStream: (streamId, o) => readStreamEvents(client, streamId, o),
    readAll: (o = {}) => readAllEvents(client, o.fromPosition, o.maxCount),
    subscribeToAll: (o = {}) => createKurrentDbSubscription(client, o.fromPosition ?? 0n),
    headPosition: () => readHeadPosition(client),
    readEventsById: async (eventIds) => {
      const wanted = new Set(eventIds.map((id) => id.toLowerCase()));
      const found: StoredEvent[] = [];
      if (wanted.size === 0) return found;
      for await (const resolved of client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: idLookupWindow,
        filter: excludeSystemEvents(),
      })) {
        const stored = toStoredEvent(resolved);
        if (stored === undefined || !wanted.delete(stored.eventId)) continue;
        found.push(stored);
        if (wanted.size === 0) break;
      }
      return found.reverse();
    },
    close: async () => {
      if (options.closeClient === true) await client.dispose();
    },
  };
};
