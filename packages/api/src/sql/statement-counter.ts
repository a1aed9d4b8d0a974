import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryOptions, SqlClient, SqlConnection } from '@erpcore/eventstore';

/** What one request (or any scope) did on the database. */
export interface StatementTally {
  statements: number;
  /** Summed wall time of those statements, in milliseconds. */
  durationMs: number;
}

const scope = new AsyncLocalStorage<StatementTally>();

// Scopes open now. While none is, the storage is disabled: on Node 20 an enabled
// AsyncLocalStorage installs promise hooks that tax every promise of the process, reads too.
let open = 0;
const close = (): void => {
  open -= 1;
  if (open === 0) scope.disable();
};

/**
 * Runs `fn` with a fresh tally; statements issued anywhere below it (awaits included) count,
 * until `fn` (or the promise it returns) is done. The storage is enabled only while some scope
 * is open.
 */
export const withStatementTally = <T>(tally: StatementTally, fn: () => T): T => {
  open += 1;
  let result: T;
  try {
    result = scope.run(tally, fn);
  } catch (error) {
    close();
    throw error;
  }
  if (result instanceof Promise) result.then(close, close);
  else close();
  return result;
};

/** Runs `fn` outside any tally: bookkeeping (waiting on projections) is not the request's work. */
export const withoutStatementTally = <T>(fn: () => T): T => scope.exit(fn);

/** The tally of the current scope, if any. */
export const currentStatementTally = (): StatementTally | undefined => scope.getStore();

const counted =
  <C extends SqlConnection>(conn: C): C['query'] =>
  async (text: string, params?: readonly unknown[], options?: QueryOptions) => {
    const tally = scope.getStore();
    if (tally === undefined) return conn.query(text, params, options);
    tally.statements += 1;
    const started = performance.now();
    try {
      return await conn.query(text, params, options);
    } finally {
      tally.durationMs += performance.now() - started;
    }
  };

/**
 * Wraps a SqlClient so every statement run inside a tally scope is counted. Wrap the client once,
 * before the event store and read database are built on it, so all their SQL passes here.
 * BEGIN/COMMIT count as statements: a transaction is three round trips, and that is the truth.
 */
export const countStatements = (client: SqlClient): SqlClient => ({
  kind: client.kind,
  query: counted(client),
  acquire: async () => {
    const conn = await client.acquire();
    return {
      query: counted(conn),
      release: () => conn.release(),
      ...(conn.onLost === undefined ? {} : { onLost: conn.onLost.bind(conn) }),
    };
  },
  transaction: (fn) => client.transaction((tx) => fn({ query: counted(tx) })),
  ...(client.listen === undefined ? {} : { listen: client.listen.bind(client) }),
  close: () => client.close(),
});
