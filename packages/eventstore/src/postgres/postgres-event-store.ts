import type {
  AppendMultiResult,
  EventStore,
  GlobalPosition,
  ReadStreamOptions,
  StoredEvent,
  StreamAppend,
} from '../event-store.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createPollingSubscription } from '../subscription.js';
import { normalizeAppends } from '../append-input.js';
import { appendBatchWithin, type AppendOutcome } from './append-batch.js';
import { appendNormalizedWithin } from './append-sql.js';
import { createGroupCommitter } from './group-commit.js';
import { toStoredEvent, toStoredEvents } from './event-row.js';
import {
  headPositionSql,
  maxBigint,
  readAllSql,
  readEventsByIdSql,
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
  /**
   * Group commit (default true): appends that arrive while one is being written share the next
   * transaction (`es_append_batch`), each still atomic and answered on its own; one WAL flush
   * then serves them all. A lone writer is not delayed. `false`: one transaction per append.
   */
  readonly groupCommit?: boolean;
}

/**
 * A group's caps: 100 appends keep one statement's payload and lock set modest, and 2^19 events
 * keep a group well inside the 2^20 positions one transaction can number. One group in flight:
 * two (one per core here) measured no better within this machine's noise.
 */
export const groupCommitLimits = { maxItems: 100, maxWeight: 2 ** 19, maxInFlight: 1 } as const;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const settleOne = (result: Promise<AppendMultiResult>): Promise<AppendOutcome> =>
  result.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({
      ok: false,
      error: error instanceof Error ? error : new Error(String(error)),
    }),
  );

/**
 * The PostgreSQL adapter, for `pg` and PGlite alike (through SqlClient). Run `migrateEventStore`
 * first. An append is one `es_append` call, or with group commit one entry of an `es_append_batch`
 * call shared with the appends that queued behind the previous one; reads stop below the oldest
 * running transaction.
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
    return toStoredEvents(rows);
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
  // A group of one goes through es_append itself: no sub-block, nothing a lone writer pays extra.
  const committer = createGroupCommitter<readonly StreamAppend[], AppendMultiResult>(
    async (group) => {
      const outcomes =
        group.length === 1
          ? [await settleOne(appendNormalizedWithin(client, group[0]!))]
          : await appendBatchWithin(client, group);
      if (outcomes.some((o) => o.ok)) notifier.notify();
      return outcomes;
    },
    groupCommitLimits,
  );
  const appendMulti = async (
    input: Parameters<EventStore['appendMulti']>[0],
  ): ReturnType<EventStore['appendMulti']> => {
    // Invalid input fails here, for its caller alone, before it can join a group.
    const appends = normalizeAppends(input);
    if (options.groupCommit === false) {
      const result = await appendNormalizedWithin(client, appends);
      notifier.notify();
      return result;
    }
    const events = appends.reduce((n, a) => n + a.events.length, 0);
    return committer.submit(appends, events);
  };

  return {
    appendToStream: async (streamId, events, { expectedRevision }) => {
      const result = await appendMulti([{ streamId, events, expectedRevision }]);
      return { nextRevision: result.streams[0]?.nextRevision ?? -1n, position: result.position };
    },
    appendMulti,
    readStream,
    readAll: (o = {}) => readAll(o.fromPosition, o.maxCount),
    readEventsById: async (eventIds) => {
      // The column is a uuid: an id of another shape was never stored (and would fail the cast).
      const ids = [...new Set(eventIds)].filter((id) => uuidPattern.test(id));
      if (ids.length === 0) return [];
      const { rows } = await client.query(readEventsByIdSql, [ids]);
      return rows.map(toStoredEvent);
    },
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
      // Appends already accepted finish before the client may close under them.
      await committer.idle();
      if (options.closeClient === true) await client.close();
    },
  };
};
