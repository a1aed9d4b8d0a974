import fp from 'fastify-plugin';
import { httpError } from '../http/http-error-codes.js';
import type { WindowCounter } from './redis-counters.js';

/** How many failed authentications a client address may have per window. */
export interface AuthFailureLimitOptions {
  readonly counter: WindowCounter;
  readonly max: number;
  /** False when auth is off: nothing can fail then. */
  readonly enabled: boolean;
}

/**
 * Failed authentications limited per client address: every 401 counts against `request.ip`, and
 * once an address reached `max` in the window, its requests are answered `429 rate_limited`
 * (with `Retry-After`) before any key is checked — a valid key from that address included, or
 * the limit would still tell a guesser which key works. Public routes (health, docs) stay open.
 * When the counter's store fails (Redis away), requests go through: the per-key limit remains.
 */
export const authFailureLimitPlugin = fp(
  async (app, options: AuthFailureLimitOptions) => {
    if (!options.enabled) return;
    const key = (ip: string) => `auth-failures:${ip}`;
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.config.access === 'public' || request.is404) return;
      const seen = await options.counter.get(key(request.ip)).catch(() => undefined);
      if (seen === undefined || seen.count < options.max) return;
      const seconds = Math.max(1, Math.ceil(seen.resetMs / 1000));
      reply.header('retry-after', String(seconds));
      throw httpError(
        'rate_limited',
        `too many failed authentications from this address, retry in ${seconds} s`,
      );
    });
    app.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode === 401)
        await options.counter.increment(key(request.ip)).catch(() => undefined);
    });
  },
  { name: 'erpcore-auth-failure-limit' },
);
