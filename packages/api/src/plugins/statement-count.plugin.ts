import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { observedReadDb, type ReadDb } from '@erpcore/projections';
import {
  currentStatementTally,
  withStatementTally,
  type StatementTally,
} from '../sql/statement-counter.js';

/** The header tests and operators read: `Server-Timing: db;dur=1.2;desc="statements=1"`. */
export const statementsHeader = 'server-timing';

/** Parses the statement count back out of a Server-Timing header value. */
export const statementsFromHeader = (value: string | undefined): number | undefined => {
  const match = value === undefined ? null : /db;[^,]*desc="statements=(\d+)"/.exec(value);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** A read database counting into one request's tally at a time (`readDbOf`). */
export interface ReadLease {
  tally: StatementTally | undefined;
  readonly db: ReadDb;
  /** The idle leases of the same app's database, where this one goes back. */
  readonly free: ReadLease[];
}

// Idle leases kept per app: more are made while more requests hold one at once.
const maxFreeLeases = 256;
const freeLeases = new WeakMap<ReadDb, ReadLease[]>();

const tallyOf = (request: FastifyRequest): StatementTally =>
  (request.statementTally ??= { statements: 0, durationMs: 0 });

const newLease = (base: ReadDb, free: ReadLease[]): ReadLease => {
  const lease: ReadLease = {
    tally: undefined,
    free,
    // Inside the request's own scope the client's wrapper counts the statement already.
    db: observedReadDb(base, () =>
      lease.tally === currentStatementTally() ? undefined : lease.tally,
    ),
  };
  return lease;
};

/**
 * The read database for a handler: its statements count toward the request's Server-Timing with
 * no async context. Routes with `config: { readDbOnly: true }` reach the database only through
 * this and run without the AsyncLocalStorage scope the other routes get. The database is a
 * kysely view made once and lent to one request at a time (a view per request cost about what
 * the scope it replaces did) until its answer is sent; a statement counts toward the request
 * holding the view when the statement starts.
 */
export const readDbOf = (request: FastifyRequest): ReadDb => {
  const held = request.readLease;
  if (held !== null) return held.db;
  const base = request.server.erp.db;
  let free = freeLeases.get(base);
  if (free === undefined) {
    free = [];
    freeLeases.set(base, free);
  }
  const lease = free.pop() ?? newLease(base, free);
  lease.tally = tallyOf(request);
  request.readLease = lease;
  return lease.db;
};

/**
 * Writes the request's tally as Server-Timing (a request that reached no handler ran none) and
 * takes back the read database `readDbOf` lent it.
 */
export const reportStatements = (request: FastifyRequest, reply: FastifyReply): void => {
  const tally = request.statementTally;
  reply.header(
    statementsHeader,
    tally === null
      ? 'db;dur=0.0;desc="statements=0"'
      : `db;dur=${tally.durationMs.toFixed(1)};desc="statements=${tally.statements}"`,
  );
  const lease = request.readLease;
  if (lease === null) return;
  request.readLease = null;
  lease.tally = undefined;
  if (lease.free.length < maxFreeLeases) lease.free.push(lease);
};

/**
 * Counts the SQL statements each request runs; `reportStatements` sends them as Server-Timing
 * (from response-headers.plugin.ts' onSend). Only handlers run SQL, so each handler is wrapped
 * when its route is added: it runs inside a tally scope (AsyncLocalStorage, through a client
 * wrapped by `countStatements`), except on routes declaring `readDbOnly`, whose statements
 * `readDbOf` counts. No hook runs per request.
 */
export const statementCountPlugin = fp(
  async (app) => {
    app.decorateRequest('statementTally', null);
    app.decorateRequest('readLease', null);
    app.addHook('onRoute', (route) => {
      if (route.config?.readDbOnly === true) return;
      const handler: RouteHandlerMethod = route.handler;
      route.handler = function (request, reply) {
        return withStatementTally(tallyOf(request), () => handler.call(this, request, reply));
      };
    });
  },
  { name: 'erpcore-statement-count' },
);
