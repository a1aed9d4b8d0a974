import fp from 'fastify-plugin';
import { drainUnreadBody } from './body-drain.js';
import { reportStatements } from './statement-count.plugin.js';

/**
 * What every answer gets before it leaves, in ONE onSend hook (each hook is a step of Fastify's
 * hook runner on every request, reads included):
 * - `WWW-Authenticate: Bearer` on every 401, whoever raised it (API.md);
 * - the request's statement count as Server-Timing (statement-count.plugin.ts);
 * - `X-Content-Type-Options: nosniff` (a browser never guesses a type other than the one sent),
 *   and `Cache-Control: no-store` unless a route chose its own caching: API answers are per
 *   caller and change with every write, so no cache may keep them; the `/docs` static assets set
 *   their own `Cache-Control` and keep it;
 * - the unread rest of a refused body drained (body-drain.ts).
 */
export const responseHeadersPlugin = fp(
  async (app) => {
    // Callback style, not async: no promise per request.
    app.addHook('onSend', (request, reply, payload, done) => {
      if (reply.statusCode === 401) reply.header('www-authenticate', 'Bearer');
      reportStatements(request, reply);
      reply.header('x-content-type-options', 'nosniff');
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      drainUnreadBody(request, reply);
      done(null, payload);
    });
  },
  { name: 'erpcore-response-headers', dependencies: ['erpcore-statement-count'] },
);
