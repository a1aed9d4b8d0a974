import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';

/**
 * The Redis connection rate limits share across API processes. Commands fail fast while Redis is
 * away (no offline queue, one retry) so a request never waits on it: the limiters then let the
 * request through (`skipOnError`) rather than answer 5xx, and the connection keeps reconnecting.
 * Connection errors are logged at `warn`, never thrown (an `error` listener is always present).
 */
export const openCounterRedis = (url: string, log: FastifyBaseLogger): Redis => {
  const redis = new Redis(url, {
    connectTimeout: 1000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: false,
  });
  let warned = false;
  redis.on('error', (error: Error) => {
    if (!warned) log.warn({ err: error.message }, 'rate-limit Redis unreachable; limits skipped');
    warned = true;
  });
  redis.on('ready', () => {
    if (warned) log.info('rate-limit Redis reachable again');
    warned = false;
  });
  return redis;
};

/** Counts events per key in fixed windows: what the failed-authentication limit needs. */
export interface WindowCounter {
  /** The count in the current window and the milliseconds until it ends. */
  readonly get: (key: string) => Promise<{ readonly count: number; readonly resetMs: number }>;
  readonly increment: (key: string) => Promise<void>;
}

/** In this process only (no `REDIS_URL`). Expired windows are dropped as they are met. */
export const memoryWindowCounter = (windowMs: number, now = Date.now): WindowCounter => {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const live = (key: string) => {
    const w = windows.get(key);
    if (w !== undefined && w.endsAt <= now()) windows.delete(key);
    return windows.get(key);
  };
  return {
    get: async (key) => {
      const w = live(key);
      return w === undefined
        ? { count: 0, resetMs: 0 }
        : { count: w.count, resetMs: w.endsAt - now() };
    },
    increment: async (key) => {
      const w = live(key);
      if (w === undefined) {
        // Bounded memory: an address flood cannot grow the map past this.
        if (windows.size >= 100_000) windows.clear();
        windows.set(key, { count: 1, endsAt: now() + windowMs });
      } else w.count += 1;
    },
  };
};

/** Shared by every process using the same Redis and prefix: INCR with the window as expiry. */
export const redisWindowCounter = (
  redis: Redis,
  prefix: string,
  windowMs: number,
): WindowCounter => ({
  get: async (key) => {
    const [count, ttl] = await Promise.all([redis.get(prefix + key), redis.pttl(prefix + key)]);
    return { count: count === null ? 0 : Number(count), resetMs: Math.max(0, ttl) };
  },
  increment: async (key) => {
    const count = await redis.incr(prefix + key);
    if (count === 1) await redis.pexpire(prefix + key, windowMs);
  },
});

/**
 * Waits until the connection is ready, at most `ms`: the first requests after start-up then count
 * against the shared limit instead of passing while the connection is still being made. A Redis
 * that does not answer delays start-up by `ms` only.
 */
export const whenReady = (redis: Redis, ms: number): Promise<void> =>
  new Promise((resolve) => {
    if (redis.status === 'ready') return resolve();
    const timer = setTimeout(resolve, ms);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
