import type { KyselyPlugin, QueryId } from 'kysely';
import type { SqlClient } from '@erpcore/eventstore';
import { clientOf, runsOn } from './read-db-client.js';
import type { ReadDb } from './read-db.js';

/** Told of every statement a read database runs, with its wall time in milliseconds. */
export type StatementObserver = (durationMs: number) => void;

const observedClient = (client: SqlClient, observe: StatementObserver): SqlClient => ({
  ...client,
  query: async (text, params, options) => {
    const started = performance.now();
    try {
      return await client.query(text, params, options);
    } finally {
      observe(performance.now() - started);
    }
  },
});

// A builder's statement is compiled right before it runs: compile to result is its time.
const observingPlugin = (observe: StatementObserver): KyselyPlugin => {
  const started = new WeakMap<QueryId, number>();
  return {
    transformQuery: ({ node, queryId }) => {
      started.set(queryId, performance.now());
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      const at = started.get(queryId);
      observe(at === undefined ? 0 : performance.now() - at);
      return result;
    },
  };
};

/**
 * `db` as seen by one caller that wants to know what it ran: every statement run through the
 * returned database (fixed and named statements, builders, raw queries) is reported to
 * `observe`, and nothing else is. The API counts a request's statements this way, with no
 * async context to carry (an AsyncLocalStorage taxes every promise of the process). Costs a
 * kysely view (`withPlugin`) per call; the statements themselves run as on `db`.
 */
export const observedReadDb = (db: ReadDb, observe: StatementObserver): ReadDb => {
  const view = db.withPlugin(observingPlugin(observe));
  const client = clientOf(db);
  // Fixed and named statements go to the client past kysely's executor: observe them there.
  if (client !== undefined) runsOn(view, observedClient(client, observe));
  return view;
};
