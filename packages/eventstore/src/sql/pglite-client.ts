import { PGlite, types } from '@electric-sql/pglite';
import { createMutex } from './mutex.js';
import { pgliteModuleWith } from './pglite-module.js';
import {
  runInTransaction,
  toSqlParams,
  type SqlClient,
  type SqlConnection,
  type SqlResult,
} from './sql-client.js';

export interface PgliteClientOptions {
  /** A directory for a file-backed database; none = in memory. */
  readonly dataDir?: string;
  /**
   * PostgreSQL's buffer pool (default `16MB`; `null`: PGlite's own 128MB). All of it is resident
   * from the start (pglite-module.ts says why), and an embedded database's working set fits the
   * small pool; pages it misses are read from the OS page cache, not the disk.
   */
  readonly sharedBuffers?: string | null;
}

/** See PgliteClientOptions.sharedBuffers. */
export const defaultPgliteSharedBuffers = '16MB';

/**
 * A `SqlClient` over PGlite (embedded PostgreSQL, one connection). Every statement — also plain
 * `query()` — waits for the mutex, so a transaction held through `acquire()` never sees another
 * caller's statements interleaved into it.
 */
export const createPgliteClient = async (options: PgliteClientOptions = {}): Promise<SqlClient> => {
  // int8 as a decimal string, as node-pg returns it, so code sees one shape on both.
  const sharedBuffers =
    options.sharedBuffers === undefined ? defaultPgliteSharedBuffers : options.sharedBuffers;
  const wasmModule = sharedBuffers === null ? undefined : await pgliteModuleWith(sharedBuffers);
  const db = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(wasmModule === undefined ? {} : { wasmModule }),
    parsers: { [types.INT8]: (v: string) => v },
  });
  const mutex = createMutex();

  // Without parameters a text may hold several statements (migrations): the simple protocol runs them.
  const raw: SqlConnection = {
    query: async <R>(text: string, params?: readonly unknown[]): Promise<SqlResult<R>> => {
      if (params === undefined || params.length === 0) {
        const results = await db.exec(text);
        const last = results[results.length - 1];
        const rows = (last?.rows ?? []) as R[];
        return { rows, rowCount: last?.affectedRows ?? rows.length };
      }
      const result = await db.query<R>(text, toSqlParams(params));
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };

  const locked = async <T>(fn: () => Promise<T>): Promise<T> => {
    const release = await mutex.lock();
    try {
      return await fn();
    } finally {
      release();
    }
  };

  return {
    kind: 'pglite',
    query: (text, params) => locked(() => raw.query(text, params)),
    acquire: async () => {
      const release = await mutex.lock();
      let released = false;
      return {
        query: (text, params) => {
          if (released) return Promise.reject(new Error('connection used after release()'));
          return raw.query(text, params);
        },
        release: () => {
          released = true;
          release();
        },
      };
    },
    transaction: (fn) => locked(() => runInTransaction(raw, fn)),
    listen: async (channel, handler) => {
      const unlisten = await locked(() => db.listen(channel, handler));
      return () => locked(() => unlisten());
    },
    close: () => locked(() => db.close()),
  };
};
