import type { PooledConnection, SqlClient } from '@erpcore/eventstore';

/** Advisory-lock class id of projection ownership ("erpP"), so our keys never collide with others'. */
const lockClass = 0x65727050;

/** Who runs which projection: one process at a time per projection and schema. */
export interface Ownership {
  /** Takes the projection if no live process holds it; true when this process owns it now. */
  tryAcquire(name: string): Promise<boolean>;
  /**
   * Whether this process still holds `name`: false once the connection carrying the locks was
   * lost (the locks went with it); the owner then stops and tries to take it again.
   */
  holds(name: string): boolean;
  /** Gives up every projection (process shutdown). */
  releaseAll(): Promise<void>;
}

/**
 * On PostgreSQL, session advisory locks on one dedicated connection held for the process's life:
 * when the process dies its connection closes and the locks go with it, so another process takes
 * over on its next try. The key includes current_schema(), as read models of separate schemas
 * are separate. PGlite is one process: it owns everything.
 */
export const createOwnership = (client: SqlClient): Ownership => {
  if (client.kind === 'pglite')
    return { tryAcquire: async () => true, holds: () => true, releaseAll: async () => undefined };
  let connection: Promise<PooledConnection> | undefined;
  const held = new Set<string>();
  // One connection runs one statement at a time: callers queue here rather than inside pg.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = queue.then(fn, fn);
    queue = result.catch(() => undefined);
    return result;
  };
  // The connection that carried the locks is gone: so are they. Forget both; the next try opens anew.
  const open = (): Promise<PooledConnection> => {
    const opening = client.acquire().then((conn) => {
      conn.onLost?.(() => {
        if (connection !== opening) return;
        connection = undefined;
        held.clear();
        conn.release();
      });
      return conn;
    });
    // A failed connect is retried on the next try, not kept.
    opening.catch(() => {
      if (connection === opening) connection = undefined;
    });
    return opening;
  };
  return {
    holds: (name) => held.has(name),
    tryAcquire: (name) =>
      serial(async () => {
        if (held.has(name)) return true;
        connection ??= open();
        const conn = await connection;
        const { rows } = await conn.query<{ ok: boolean }>(
          'select pg_try_advisory_lock($1::int, hashtext(current_schema() || $2::text)) as ok',
          [lockClass, `.${name}`],
        );
        if (rows[0]?.ok === true) held.add(name);
        return held.has(name);
      }),
    releaseAll: () =>
      serial(async () => {
        if (connection === undefined) return;
        const conn = await connection;
        connection = undefined;
        held.clear();
        try {
          await conn.query('select pg_advisory_unlock_all()');
        } finally {
          conn.release();
        }
      }),
  };
};
