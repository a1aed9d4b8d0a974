import fp from 'fastify-plugin';

const levelsAboveInfo: ReadonlySet<string> = new Set(['warn', 'error', 'fatal', 'silent']);

/**
 * One log line per request, when it is answered: method, route, status and time. Replaces
 * Fastify's two lines (incoming, completed), with no headers, so keys never reach the log.
 */
export const requestLogPlugin = fp(
  async (app) => {
    // At a level above info the line would be dropped anyway: no hook at all then.
    if (levelsAboveInfo.has(app.log.level)) return;
    app.addHook('onResponse', (request, reply, done) => {
      request.log.info(
        {
          method: request.method,
          url: request.url,
          route: request.routeOptions.url,
          statusCode: reply.statusCode,
          responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      );
      done();
    });
  },
  { name: 'erpcore-request-log' },
);
