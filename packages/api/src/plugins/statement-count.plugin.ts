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

/** Writes the request's tally as Server-Timing; a request that reached no handler ran none. */
export const reportStatements = (request: FastifyRequest, reply: FastifyReply): void => {
  const tally = request.statementTally;
  reply.header(
    statementsHeader,
    tally === null
      ? 'db;dur=0.0;desc="statements=0"'
      : `db;dur=${tally.durationMs.toFixed(1)};desc="statements=${tally.statements}"`,
  );
};

const tallyOf = (request: FastifyRequest): StatementTally =>
  (request.statementTally ??= { statements: 0, durationMs: 0 });

/**
 * The read database for a handler: its statements count toward the request's Server-Timing with
 * no async context. Routes with `config: { readDbOnly: true }` reach the database only through
 * this and run without the AsyncLocalStorage scope the other routes get.
 */
export const readDbOf = (request: FastifyRequest): ReadDb => {
  const tally = tallyOf(request);
  return observedReadDb(request.server.erp.db, (durationMs) => {
    // Inside the request's own scope the client's wrapper counts it already.
    if (currentStatementTally() === tally) return;
    tally.statements += 1;
    tally.durationMs += durationMs;
  });
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
