import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { withStatementTally, type StatementTally } from '../sql/statement-counter.js';

/** The header tests and operators read: `Server-Timing: db;dur=1.2;desc="statements=1"`. */
export const statementsHeader = 'server-timing';

/** Parses the statement count back out of a Server-Timing header value. */
export const statementsFromHeader = (value: string | undefined): number | undefined => {
  const match = value === undefined ? null : /db;[^,]*desc="statements=(\d+)"/.exec(value);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** Writes the request's tally as Server-Timing; a request answered before its handler ran none. */
export const reportStatements = (request: FastifyRequest, reply: FastifyReply): void => {
  const tally = request.statementTally;
  reply.header(
    statementsHeader,
    tally === null
      ? 'db;dur=0.0;desc="statements=0"'
      : `db;dur=${tally.durationMs.toFixed(1)};desc="statements=${tally.statements}"`,
  );
};

/**
 * Counts the SQL statements each request runs (through a client wrapped by `countStatements`);
 * `reportStatements` sends them as Server-Timing (from response-headers.plugin.ts' onSend). The
 * tally is entered at preHandler, the last hook before the handler: no hook before it runs SQL,
 * and body parsing runs in the socket's async context, which would drop a tally entered earlier.
 */
export const statementCountPlugin = fp(
  async (app) => {
    app.decorateRequest('statementTally', null as unknown as StatementTally);
    app.addHook('preHandler', (request, _reply, done) => {
      request.statementTally = { statements: 0, durationMs: 0 };
      withStatementTally(request.statementTally, done);
    });
  },
  { name: 'erpcore-statement-count' },
);
