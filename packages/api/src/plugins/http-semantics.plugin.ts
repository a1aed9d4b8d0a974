import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpError } from '../http/http-error-codes.js';
import { errorHandler, notFoundHandler } from '../http/error-handler.js';
import { allowedMethods, type RouteShape } from '../http/allowed-methods.js';

/**
 * The HTTP details clients rely on (API.md's error table):
 * - a known path with another method is `405 method_not_allowed` with `Allow`, not a 404;
 * - every 401 carries `WWW-Authenticate: Bearer`, whoever raised it (response-headers.plugin.ts);
 * - a body that is not `application/json` is `415 unsupported_media_type`: Fastify parses
 *   `text/plain` by default, which turned such bodies into a 400 from the body decoder.
 * Register it before the routes: it learns them as they are added.
 */
export const httpSemanticsPlugin = fp(
  async (app) => {
    app.removeContentTypeParser('text/plain');
    const routes: RouteShape[] = [];
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) routes.push({ method: String(method), url: route.url });
    });
    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      const allow = allowedMethods(routes, request.url.split('?')[0] ?? '');
      if (allow.length === 0) return notFoundHandler(request, reply);
      reply.header('allow', allow.join(', '));
      return errorHandler(
        httpError(
          'method_not_allowed',
          `${request.method} is not allowed here; use ${allow.join(', ')}`,
        ),
        request,
        reply,
      );
    });
  },
  { name: 'erpcore-http-semantics' },
);
