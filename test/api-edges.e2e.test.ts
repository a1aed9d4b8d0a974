import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fetchChecked,
  call,
  openTestBackend,
  serveApp,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';

// fetch will not send a Host header of our choosing; node:http will.
const rawGet = (
  server: TestServer,
  path: string,
  host: string,
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

// The HTTP edges behave the same on every storage: these run on one in-memory PGlite, two apps.
let backend: TestBackend;
beforeAll(async () => {
  backend = await openTestBackend('pglite', 'api_edges');
});
afterAll(async () => {
  await backend?.close();
});

describe('HTTP edges', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await serveApp(backend, { corsOrigins: ['https://app.example.com'] }, 300);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers malformed JSON, oversized bodies and unknown routes in the envelope', async () => {
    const malformed = await call(server, 'POST', '/v1/warehouses', '{"id": "W",');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'validation_failed' } });

    const huge = await call(server, 'POST', '/v1/warehouses', {
      id: 'W',
      name: 'x'.repeat(1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({
      error: { code: 'payload_too_large', message: expect.any(String) as string, details: [] },
    });

    const unknown = await call(server, 'GET', '/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found', details: [] } });

    const badPosition = await call(server, 'GET', '/v1/warehouses', undefined, {
      'x-min-position': '-1',
    });
    expect(badPosition.status).toBe(400);
  });

  it('answers 503 projection_lagging when the read models cannot reach the position in time', async () => {
    const far = await call(server, 'GET', '/v1/warehouses', undefined, {
      'x-min-position': '9223372036854775807',
    });
    expect(far.status).toBe(503);
    expect(far.body).toMatchObject({ error: { code: 'projection_lagging' } });
  });

  it('compresses bodies over 1 KiB for clients that accept it, not small ones', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_x, i) =>
        call(server, 'POST', '/v1/products', {
          id: `BULK-${i}`,
          name: `A product with a long name, long enough to fill a kilobyte in a dozen rows ${i}`,
          unit: 'pcs',
        }),
      ),
    );
    const last = created
      .map((c) => BigInt((c.body as { position: string }).position))
      .reduce((a, b) => (a > b ? a : b));
    const big = await fetchChecked(server, '/v1/products?limit=100', {
      headers: { 'accept-encoding': 'gzip', 'x-min-position': last.toString() },
    });
    expect(big.headers.get('content-encoding')).toBe('gzip');
    expect(((await big.json()) as { items: unknown[] }).items.length).toBeGreaterThanOrEqual(12);
    const small = await fetchChecked(server, '/health/live', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('opens CORS only to the allowlist', async () => {
    const allowed = await fetchChecked(server, '/v1/products', {
      headers: { origin: 'https://app.example.com' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const other = await fetchChecked(server, '/v1/products', {
      headers: { origin: 'https://evil.example.com' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('auth, hosts and rate limits', () => {
  const admin = 'admin-key-0123456789';
  const auditor = 'auditor-key-0123456789';
  let server: TestServer;
  beforeAll(async () => {
    server = await serveApp(backend, {
      apiKeys: [
        { name: 'ops', role: 'admin', key: admin },
        { name: 'audit', role: 'auditor', key: auditor },
      ],
      allowedHosts: ['127.0.0.1'],
      rateLimitMax: 8,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses missing keys, wrong roles and foreign hosts; keeps health public', async () => {
    expect((await call(server, 'GET', '/v1/products')).status).toBe(401);
    expect(
      (await call(server, 'GET', '/v1/products', undefined, { authorization: `Bearer ${auditor}` }))
        .status,
    ).toBe(200);
    const forbidden = await call(
      server,
      'POST',
      '/v1/products',
      { id: 'P', name: 'p', unit: 'pcs' },
      { authorization: `Bearer ${auditor}` },
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: { code: 'forbidden' } });
    expect(
      (
        await call(
          server,
          'POST',
          '/v1/products',
          { id: 'P', name: 'p', unit: 'pcs' },
          { authorization: `Bearer ${admin}` },
        )
      ).status,
    ).toBe(201);
    expect((await call(server, 'GET', '/health/live')).status).toBe(200);
    const host = await rawGet(server, '/health/live', 'evil.example.com');
    expect(host.status).toBe(400);
    expect(JSON.parse(host.body)).toMatchObject({ error: { code: 'invalid_host' } });
  });

  it('limits each key and answers 429 rate_limited with Retry-After', async () => {
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 12 && limited === undefined; i++) {
      const answer = await call(server, 'GET', '/v1/warehouses', undefined, {
        authorization: `Bearer ${admin}`,
      });
      if (answer.status === 429) limited = answer;
    }
    expect(limited?.body).toMatchObject({ error: { code: 'rate_limited', details: [] } });
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
