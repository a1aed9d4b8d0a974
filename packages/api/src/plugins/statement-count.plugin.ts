import fp from 'fastify-plugin';
import { withStatementTally, type StatementTally } from '../sql/statement-counter.js';

/** The header tests and operators read: `Server-Timing: db;dur=1.2;desc="statements=1"`. */
export const statementsHeader = 'server-timing';

/** Parses the statement count back out of a Server-Timing header value. */
export const statementsFromHeader = (value: string | undefined): number | undefined => {
  const match = value === undefined ? null : /db;[^,]*desc="statements=(\d+)"/.exec(value);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/**
 * Counts the SQL statements each request runs (through a client wrapped by `countStatements`)
 * and reports them as Server-Timing. The tally is entered at onRequest and again at preHandler:
 * body parsing runs in the socket's async context and would otherwise drop it.
 */
export const statementCountPlugin = fp(
  async (app) => {
    app.decorateRequest('statementTally', null as unknown as StatementTally);
    app.addHook('onRequest', (request, _reply, done) => {
      request.statementTally = { statements: 0, durationMs: 0 };
      withStatementTally(request.statementTally, done);
    });
    app.addHook('preHandler', (request, _reply, done) => {
      withStatementTally(request.statementTally, done);
    });
    // Callback style, not async: one promise less per request (every hook here runs on every read).
    app.addHook('onSend', (request, reply, payload, done) => {
      const tally = request.statementTally;
      if (tally !== null)
        reply.header(
          statementsHeader,
          `db;dur=${tally.durationMs.toFixed(1)};desc="statements=${tally.statements}"`,
        );
      done(null, payload);
    });
  },
  { name: 'erpcore-statement-count' },
);
