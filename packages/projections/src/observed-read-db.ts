import type { KyselyPlugin, QueryId } from 'kysely';
import type { SqlClient } from '@erpcore/eventstore';
import { clientOf, runsOn } from './read-db-client.js';
import type { ReadDb } from './read-db.js';

/** Where a caller adds up the statements it ran and their wall time in milliseconds. */
export interface StatementTotals {
  statements: number;
  durationMs: number;
}

/** Asked as each statement starts: the totals it counts toward when done, if any. */
export type StatementSink = () => StatementTotals | undefined;

const add = (totals: StatementTotals | undefined, started: number): void => {
  if (totals === undefined) return;
  totals.statements += 1;
  totals.durationMs += performance.now() - started;
};

const observedClient = (client: SqlClient, sinkOf: StatementSink): SqlClient => ({
  ...client,
  query: async (text, params, options) => {
    const totals = sinkOf();
    const started = performance.now();
    try {
      return await client.query(text, params, options);
    } finally {
      add(totals, started);
    }
  },
});

// A builder's statement is compiled right before it runs: compile to result is its time.
const observingPlugin = (sinkOf: StatementSink): KyselyPlugin => {
  const running = new WeakMap<QueryId, { totals: StatementTotals | undefined; started: number }>();
  return {
    transformQuery: ({ node, queryId }) => {
      running.set(queryId, { totals: sinkOf(), started: performance.now() });
      return node;
    },
    transformResult: async ({ result, queryId }) => {
      const statement = running.get(queryId);
      if (statement !== undefined) add(statement.totals, statement.started);
      return result;
    },
  };
};

/**
 * `db` as seen by a caller that wants to know what it ran: every statement run through the
 * returned database (fixed and named statements, builders, raw queries) is added to the totals
 * `sinkOf` names as it starts, and nothing else is. The API counts a request's statements this
 * way, with no async context to carry (an AsyncLocalStorage taxes every promise of the process).
 * Building one costs a kysely view: make them once and reuse them, changing what `sinkOf` names.
 */
export const observedReadDb = (db: ReadDb, sinkOf: StatementSink): ReadDb => {
  const view = db.withPlugin(observingPlugin(sinkOf));
  const client = clientOf(db);
  // Fixed and named statements go to the client past kysely's executor: observe them there.
  if (client !== undefined) runsOn(view, observedClient(client, sinkOf));
  return view;
};
