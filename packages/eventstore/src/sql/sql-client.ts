/**
 * The one database abstraction every package uses: a query function, exclusive connections and
 * transactions. Implemented over `pg` (a pool) and over PGlite (one connection behind a mutex),
 * so the PostgreSQL event store, the projections and the workers run unchanged on both.
 */

export interface SqlResult<R> {
  readonly rows: R[];
  readonly rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepare the statement under this name on each connection that runs it, then only bind and
   * execute it there: PostgreSQL parses it once per connection and, after a few runs, plans it
   * once too. Only for a fixed text (one name, one text, for the life of the process). Ignored
   * where the client has no named statements (PGlite).
   */
  readonly name?: string;
}

export interface SqlConnection {
  query<R = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<R>>;
}

export interface PooledConnection extends SqlConnection {
  release(): void;
  /**
   * Calls `handler` once the connection is lost (at once if it already is); what a holder of
   * session state (advisory locks) needs to know. Absent: the connection cannot be lost (PGlite).
   */
  onLost?(handler: (error: Error) => void): void;
}

/** Called with a notification's payload. */
export type NotificationHandler = (payload: string) => void;

export interface SqlClient extends SqlConnection {
  readonly kind: 'postgres' | 'pglite';
  /** Exclusive use of one connection until release() (pg: pool.connect(); PGlite: a mutex over its single connection). */
  acquire(): Promise<PooledConnection>;
  /** BEGIN … COMMIT on one acquired connection; ROLLBACK and rethrow on error. */
  transaction<T>(fn: (tx: SqlConnection) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel (pg: one dedicated connection per client; PGlite: its own notifications).
   * Returns a function that stops listening. Notifications are a hint to read sooner, never the
   * only way news arrives: readers still poll.
   */
  listen?(channel: string, handler: NotificationHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** pg and PGlite both take bigints badly: send them as decimal strings. */
export const toSqlParams = (params: readonly unknown[] | undefined): unknown[] =>
  params === undefined ? [] : params.map((p) => (typeof p === 'bigint' ? p.toString() : p));

/** Runs `fn` inside BEGIN … COMMIT on `conn`; ROLLBACK and rethrow on error. */
export const runInTransaction = async <T>(
  conn: SqlConnection,
  fn: (tx: SqlConnection) => Promise<T>,
): Promise<T> => {
  await conn.query('begin');
  try {
    const result = await fn(conn);
    await conn.query('commit');
    return result;
  } catch (error) {
    await conn.query('rollback').catch(() => undefined);
    throw error;
  }
};
