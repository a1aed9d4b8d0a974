import pg from 'pg';
import { isConnectionLoss, isStalePreparedStatement } from './connection-errors.js';
import {
  runInTransaction,
  toSqlParams,
  type NotificationHandler,
  type PooledConnection,
  type QueryOptions,
  type SqlClient,
  type SqlResult,
} from './sql-client.js';

export type PgClientOptions =
  | {
      readonly connectionString: string;
      readonly max?: number;
      /** Told about connection losses the client recovered from (default: ignored). */
      readonly onConnectionError?: (error: Error) => void;
    }
  | { readonly pool: pg.Pool; readonly onConnectionError?: (error: Error) => void };

// A text of several statements (migrations) answers with one result per statement: keep the last.
const toResult = <R>(answer: pg.QueryResult | pg.QueryResult[]): SqlResult<R> => {
  const result = Array.isArray(answer) ? answer[answer.length - 1] : answer;
  const rows = (result?.rows ?? []) as R[];
  return { rows, rowCount: result?.rowCount ?? rows.length };
};

/** A statement for pg: named (prepared once per connection) when the caller names it. */
const config = (
  text: string,
  params: readonly unknown[] | undefined,
  options: QueryOptions | undefined,
): pg.QueryConfig => ({
  text,
  values: toSqlParams(params),
  ...(options?.name === undefined ? {} : { name: options.name }),
});

/** Longest pause between attempts to re-open the LISTEN connection. */
const maxListenBackoffMs = 10_000;

/**
 * A `SqlClient` over a `pg.Pool`. With `connectionString` the client owns the pool and ends it on
 * `close()`; with `pool` the caller owns it.
 *
 * Connection loss never crashes the process: the pool and every connection it hands out have an
 * `error` listener (Node throws an `error` event nobody listens to), a lost connection is
 * destroyed on release rather than reused, the next query opens a new one, and the LISTEN
 * connection re-opens with backoff and re-subscribes its channels.
 */
export const createPgClient = (options: PgClientOptions): SqlClient => {
  const owned = !('pool' in options);
  const pool =
    'pool' in options
      ? options.pool
      : new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  const reportError = (error: Error): void => options.onConnectionError?.(error);
  // An idle pooled connection that dies is dropped by the pool; this listener only keeps it from throwing.
  pool.on('error', reportError);
  // A connection can still emit 'error' after pg's own one-shot listeners are gone (a query's,
  // or after release): one permanent listener per connection, so that never throws.
  pool.on('connect', (connection) => {
    connection.on('error', () => undefined);
  });
  const listeners = new Map<string, Set<NotificationHandler>>();
  let listener: Promise<pg.Client> | undefined;
  let closed = false;
  let listenFailures = 0;

  const quote = (channel: string): string => `"${channel.replace(/"/g, '""')}"`;

  /** A checked-out connection that notices its own loss and is destroyed, not reused, after it. */
  const hold = async (): Promise<PooledConnection> => {
    const client = await pool.connect();
    let lost: Error | undefined;
    const handlers = new Set<(error: Error) => void>();
    const onError = (error: Error): void => {
      if (lost !== undefined) return;
      lost = error;
      reportError(error);
      for (const handler of handlers) handler(error);
    };
    client.on('error', onError);
    return {
      query: async <R>(text: string, params?: readonly unknown[], options?: QueryOptions) => {
        try {
          return toResult<R>(await client.query(config(text, params, options)));
        } catch (error) {
          if (isConnectionLoss(error) && error instanceof Error) onError(error);
          throw error;
        }
      },
      onLost: (handler) => {
        if (lost !== undefined) handler(lost);
        else handlers.add(handler);
      },
      release: () => {
        client.removeListener('error', onError);
        handlers.clear();
        // A truthy argument makes the pool destroy the connection instead of reusing it.
        client.release(lost);
      },
    };
  };

  // One dedicated connection (outside the pool, same settings) carries every LISTEN of this client.
  const listenConnection = (): Promise<pg.Client> => {
    listener ??= (async () => {
      const client = new pg.Client(pool.options);
      client.on('notification', (msg) => {
        for (const handler of listeners.get(msg.channel) ?? []) handler(msg.payload ?? '');
      });
      let dropped = false;
      const drop = (error?: Error): void => {
        if (dropped) return;
        dropped = true;
        if (error !== undefined) reportError(error);
        listener = undefined;
        client.end().catch(() => undefined);
        // Readers poll meanwhile; re-open and re-subscribe, waiting longer after each failure.
        if (!closed && listeners.size > 0) {
          const wait = Math.min(maxListenBackoffMs, 250 * 2 ** Math.min(listenFailures, 6));
          listenFailures += 1;
          setTimeout(() => void relisten(), wait).unref();
        }
      };
      client.on('error', drop);
      client.on('end', () => drop());
      try {
        await client.connect();
        for (const channel of listeners.keys()) await client.query(`listen ${quote(channel)}`);
      } catch (error) {
        drop(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
      listenFailures = 0;
      return client;
    })();
    return listener;
  };
  const relisten = async (): Promise<void> => {
    if (closed) return;
    await listenConnection().catch(() => undefined);
  };

  return {
    kind: 'postgres',
    query: async <R>(text: string, params?: readonly unknown[], options?: QueryOptions) => {
      const statement = config(text, params, options);
      // A failed pool query destroys its connection, so each retry prepares on another one; at
      // most every pooled connection can hold the stale statement.
      for (let attempt = 0; ; attempt++) {
        try {
          return toResult<R>(await pool.query(statement));
        } catch (error) {
          if (!isStalePreparedStatement(error) || attempt >= (pool.options.max ?? 10)) throw error;
        }
      }
    },
    acquire: hold,
    transaction: async (fn) => {
      const conn = await hold();
      try {
        return await runInTransaction(conn, fn);
      } finally {
        conn.release();
      }
    },
    listen: async (channel, handler) => {
      let handlers = listeners.get(channel);
      if (handlers === undefined) {
        handlers = new Set();
        listeners.set(channel, handlers);
        const client = await listenConnection();
        await client.query(`listen ${quote(channel)}`);
      }
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },
    close: async () => {
      closed = true;
      if (listener !== undefined)
        await (await listener.catch(() => undefined))?.end().catch(() => undefined);
      if (owned) await pool.end();
    },
  };
};
