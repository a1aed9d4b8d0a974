import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, redisUrl } from '@erpcore/eventstore/testing';
import type { ErpConfig } from '@erpcore/api';
import {
  call,
  openTestBackend,
  serveApp,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';

/**
 * Issue 10, finding 7: two API processes with RATE_LIMIT_MAX=20 answered 30 of 30, and failed
 * authentications were never limited. With REDIS_URL the counters are shared; 401s count per
 * client address. Each run uses a key prefix of its own and deletes it afterwards.
 */
const up = await redisAvailable();
const prefix = `erpcore-test-rl-${process.pid}-${Math.floor(Math.random() * 1e9)}:`;
const adminKey = 'admin-key-0123456789abcdef';
const keys: ErpConfig['apiKeys'] = [{ name: 'ops', role: 'admin', key: adminKey }];

let backend: TestBackend;
beforeAll(async () => {
  backend = await openTestBackend('pglite', 'rate_limits');
});
afterAll(async () => {
  await backend?.close();
  if (!up) return;
  const redis = new Redis(redisUrl);
  const found = await redis.keys(`${prefix}*`);
  if (found.length > 0) await redis.del(...found);
  redis.disconnect();
});

const statuses = async (
  servers: readonly TestServer[],
  n: number,
  headers: Record<string, string> = {},
) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const server = servers[i % servers.length];
    if (server === undefined) throw new Error('no server');
    out.push((await call(server, 'GET', '/v1/warehouses', undefined, headers)).status);
  }
  return out;
};

describe.skipIf(!up)('rate limits shared through Redis', () => {
  it('one limit of 20 holds across two API processes', async () => {
    const config = { redisUrl, rateLimitPrefix: `${prefix}a:`, rateLimitMax: 20 };
    const [a, b] = [await serveApp(backend, config), await serveApp(backend, config)];
    try {
      const seen = await statuses([a, b], 30);
      expect(seen.filter((s) => s === 200)).toHaveLength(20);
      expect(seen.filter((s) => s === 429)).toHaveLength(10);
      const limited = await call(a, 'GET', '/v1/warehouses');
      expect(limited.headers.get('retry-after')).not.toBeNull();
      expect(limited.body).toMatchObject({ error: { code: 'rate_limited', details: [] } });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('failed authentications from one address are limited across processes, then even a valid key waits', async () => {
    const config: Partial<ErpConfig> = {
      redisUrl,
      rateLimitPrefix: `${prefix}b:`,
      apiKeys: keys,
      authFailureMax: 5,
    };
    const [a, b] = [await serveApp(backend, config), await serveApp(backend, config)];
    try {
      const bad = { authorization: 'Bearer not-a-key-at-all-xxxx' };
      expect(await statuses([a, b], 5, bad)).toEqual([401, 401, 401, 401, 401]);
      const next = await call(b, 'GET', '/v1/warehouses', undefined, bad);
      expect(next.status).toBe(429);
      expect(next.body).toMatchObject({ error: { code: 'rate_limited' } });
      expect(next.headers.get('retry-after')).not.toBeNull();
      const valid = await call(a, 'GET', '/v1/warehouses', undefined, {
        authorization: `Bearer ${adminKey}`,
      });
      expect(valid.status).toBe(429);
      // Public routes stay open.
      expect((await call(a, 'GET', '/health/live')).status).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('failed authentications without Redis', () => {
  it('are limited per address within the process', async () => {
    const server = await serveApp(backend, { apiKeys: keys, authFailureMax: 3 });
    try {
      const bad = { authorization: 'Bearer wrong-key-wrong-key-wrong' };
      expect(await statuses([server], 4, bad)).toEqual([401, 401, 401, 429]);
    } finally {
      await server.close();
    }
  });
});
