import type { EventStore, GlobalPosition, ReadStreamOptions, StoredEvent } from '../event-store.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createPollingSubscription } from '../subscription.js';
import { appendWithin } from './append-sql.js';
import { toStoredEvent } from './event-row.js';
import {
  headPositionSql,
  maxBigint,
  readAllSql,
  readStreamBackwardsSql,
  readStreamForwardsSql,
} from './read-sql.js';
import { createAppendNotifier } from './notifier.js';
import { eventsChannel } from './schema.sql.js';
import { verifyEventLog } from './verify-log.js';

export interface PostgresEventStoreOptions {
  /** Longest a live subscription waits before reading again without a notification (default 250 ms). */
  readonly pollIntervalMs?: number;
  /** Whether `close()` also closes the SqlClient (default false: the caller owns it). */
  readonly closeClient?: boolean;
}

/**
 * The PostgreSQL adapter, for `pg` and PGlite alike (through SqlClient). Run `migrateEventStore`
 * first. Appends are one `es_append` call; reads stop below the oldest running transaction.
 */
export const createPostgresEventStore = (
  client: SqlClient,
  options: PostgresEventStoreOptions = {},
): EventStore => {
  const readAll = async (
    from: GlobalPosition = 0n,
    max?: number,
  ): Promise<readonly StoredEvent[]> => {
    const { rows } = await client.query(readAllSql, [from, max ?? null]);
    return rows.map(toStoredEvent);
  };

  const readStream = async (
    streamId: string,
    o: ReadStreamOptions = {},
  ): Promise<readonly StoredEvent[]> => {
    const direction = o.direction ?? 'forwards';
    const from = o.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (direction === 'forwards' && from === 'end') return [];
    const revision = from === 'start' ? 0n : from === 'end' ? maxBigint : from;
    const sql = direction === 'forwards' ? readStreamForwardsSql : readStreamBackwardsSql;
    const { rows } = await client.query(sql, [streamId, revision, o.maxCount ?? null]);
    return rows.map(toStoredEvent);
  };

  const notifier = createAppendNotifier(client);
  const appendMulti = async (
    appends: Parameters<EventStore['appendMulti']>[0],
  ): ReturnType<EventStore['appendMulti']> => {
    const result = await appendWithin(client, appends);
    notifier.notify();
    return result;
  };

  return {
    appendToStream: async (streamId, events, { expectedRevision }) => {
      const result = await appendMulti([{ streamId, events, expectedRevision }]);
      return { nextRevision: result.streams[0]?.nextRevision ?? -1n, position: result.position };
    },
    appendMulti,
    readStream,
    readAll: (o = {}) => readAll(o.fromPosition, o.maxCount),
    subscribeToAll: (o = {}) => {
      const listen = client.listen?.bind(client);
      return createPollingSubscription({
        fromPosition: o.fromPosition ?? 0n,
        batchSize: o.batchSize ?? 500,
        pollIntervalMs: options.pollIntervalMs ?? 250,
        read: readAll,
        ...(listen === undefined
          ? {}
          : { listen: (onNews: () => void) => listen(eventsChannel, onNews) }),
      });
    },
    headPosition: async () => {
      const { rows } = await client.query<{ head: string }>(headPositionSql);
      return BigInt(rows[0]?.head ?? '0');
    },
    verify: (o) => verifyEventLog(client, o),
    close: async () => {
      if (options.closeClient === true) await client.close();
    },
  };
};
