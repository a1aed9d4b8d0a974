import fp from 'fastify-plugin';

/**
 * One log line per request, when it is answered: method, route, status and time. Replaces
 * Fastify's two lines (incoming, completed), with no headers, so keys never reach the log.
 */
export const requestLogPlugin = fp(
  async (app) => {
    app.addHook('onResponse', async (request, reply) => {
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
    });
  },
  { name: 'erpcore-request-log' },
);
