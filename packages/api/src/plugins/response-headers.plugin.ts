import fp from 'fastify-plugin';

/**
 * Headers on every answer: `X-Content-Type-Options: nosniff` (a browser never guesses a type
 * other than the one sent), and `Cache-Control: no-store` unless a route chose its own caching.
 * API answers are per caller and change with every write, so no cache may keep them; the
 * `/docs` static assets set their own `Cache-Control` and keep it.
 */
export const responseHeadersPlugin = fp(
  async (app) => {
    // Callback style, not async: one promise less per request.
    app.addHook('onSend', (_request, reply, payload, done) => {
      reply.header('x-content-type-options', 'nosniff');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      done(null, payload);
    });
  },
  { name: 'erpcore-response-headers' },
);
