import pg from 'pg';
import {
  runInTransaction,
  toSqlParams,
  type NotificationHandler,
  type SqlClient,
  type SqlResult,
} from './sql-client.js';

export type PgClientOptions =
  { readonly connectionString: string; readonly max?: number } | { readonly pool: pg.Pool };

// A text of several statements (migrations) answers with one result per statement: keep the last.
const toResult = <R>(answer: pg.QueryResult | pg.QueryResult[]): SqlResult<R> => {
  const result = Array.isArray(answer) ? answer[answer.length - 1] : answer;
  const rows = (result?.rows ?? []) as R[];
  return { rows, rowCount: result?.rowCount ?? rows.length };
};

/**
 * A `SqlClient` over a `pg.Pool`. With `connectionString` the client owns the pool and ends it on
 * `close()`; with `pool` the caller owns it.
 */
export const createPgClient = (options: PgClientOptions): SqlClient => {
  const owned = !('pool' in options);
  const pool =
    'pool' in options
      ? options.pool
      : new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 10 });
  const listeners = new Map<string, Set<NotificationHandler>>();
  let listener: Promise<pg.Client> | undefined;

  // One dedicated connection (outside the pool, same settings) carries every LISTEN of this client.
  const listenConnection = (): Promise<pg.Client> => {
    listener ??= (async () => {
      const client = new pg.Client(pool.options);
      client.on('notification', (msg) => {
        for (const handler of listeners.get(msg.channel) ?? []) handler(msg.payload ?? '');
      });
      // A lost listener only makes readers fall back to polling; never crash the process.
      client.on('error', () => undefined);
      await client.connect();
      return client;
    })();
    return listener;
  };

  return {
    kind: 'postgres',
    query: async <R>(text: string, params?: readonly unknown[]) =>
      toResult<R>(await pool.query(text, toSqlParams(params))),
    acquire: async () => {
      const client = await pool.connect();
      return {
        query: async <R>(text: string, params?: readonly unknown[]) =>
          toResult<R>(await client.query(text, toSqlParams(params))),
        release: () => client.release(),
      };
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        return await runInTransaction(
          {
            query: async <R>(text: string, params?: readonly unknown[]) =>
              toResult<R>(await client.query(text, toSqlParams(params))),
          },
          fn,
        );
      } finally {
        client.release();
      }
    },
    listen: async (channel, handler) => {
      const client = await listenConnection();
      let handlers = listeners.get(channel);
      if (handlers === undefined) {
        handlers = new Set();
        listeners.set(channel, handlers);
        await client.query(`listen "${channel.replace(/"/g, '""')}"`);
      }
      handlers.add(handler);
      return async () => {
        handlers.delete(handler);
      };
    },
    close: async () => {
      if (listener !== undefined)
        await (await listener.catch(() => undefined))?.end().catch(() => undefined);
      if (owned) await pool.end();
    },
  };
};
