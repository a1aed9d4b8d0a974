import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import type { ErpConfig } from '../config/config.js';
import { findApiKey } from './auth.plugin.js';
import { httpError } from '../http/http-error-codes.js';

/**
 * CORS closed to an allowlist and rate limiting per API key (per IP without one): the defaults
 * the seed system kept. A limited caller gets `429 rate_limited` with `Retry-After`. With `redis`
 * (`REDIS_URL` set) the counters live there under `config.rateLimitPrefix`, so one limit holds
 * across every API process; while Redis is unreachable requests pass rather than fail.
 */
export const securityPlugin = fp(
  async (
    app,
    { config, redis }: { readonly config: ErpConfig; readonly redis?: Redis | undefined },
  ) => {
    // An empty allowlist sends no CORS headers at all: browsers on other origins are refused.
    // That is what @fastify/cors does with `origin: false`, but through a hook on every request
    // (two route-option objects and a copy of its options each): register only its preflight
    // route then, which leaves an OPTIONS request to the not-found handler (404, or 405 with
    // `Allow`) as it did.
    if (config.corsOrigins.length === 0)
      app.options('*', { schema: { hide: true } }, (_request, reply) => reply.callNotFound());
    else
      await app.register(cors, {
        origin: [...config.corsOrigins],
        methods: ['GET', 'POST'],
        allowedHeaders: [
          'Authorization',
          'Content-Type',
          'Idempotency-Key',
          'X-Min-Position',
          'X-Correlation-Id',
        ],
        exposedHeaders: ['Server-Timing', 'Retry-After'],
        maxAge: 600,
      });
    await app.register(rateLimit, {
      global: true,
      ...(redis === undefined
        ? {}
        : { redis, nameSpace: config.rateLimitPrefix, skipOnError: true }),
      max: config.rateLimitMax,
      timeWindow: config.rateLimitWindowMs,
      keyGenerator: (request) => {
        const key = findApiKey(config.apiKeys, request.headers.authorization);
        return key === undefined ? `ip:${request.ip}` : `key:${key.name}`;
      },
      errorResponseBuilder: (_request, context) =>
        httpError('rate_limited', `rate limit exceeded, retry in ${context.after}`),
    });
  },
  { name: 'erpcore-security' },
);
