import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, defaultConfig } from '@erpcore/api';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import { openTestBackend, type TestBackend } from './support/test-server.js';

const up = await postgresAvailable();
const key = 'admin-key-0123456789-abcdefghij';

describe.skipIf(!up)('request logging', () => {
  let backend: TestBackend;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    backend = await openTestBackend('postgres', 'request_log');
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('logs each request once, when answered, without its headers', async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n'))
          if (line !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const app = await buildApp({
      store: backend.store,
      db: backend.db,
      client: backend.client,
      progress: backend.progress,
      config: { ...defaultConfig, apiKeys: [{ name: 'root', role: 'admin', key }] },
      logger: pino({ level: 'info' }, sink),
    });
    const auth = { authorization: `Bearer ${key}` };
    const answers = [
      await app.inject({ method: 'GET', url: '/health/live' }),
      await app.inject({ method: 'GET', url: '/v1/warehouses/NOPE', headers: auth }),
      await app.inject({ method: 'GET', url: '/v1/warehouses/NOPE' }),
      await app.inject({
        method: 'POST',
        url: '/v1/warehouses',
        headers: auth,
        payload: { id: 'W-LOG', name: 'Logged' },
      }),
    ];
    await app.close();
    expect(answers.map((a) => a.statusCode)).toEqual([200, 404, 401, 201]);
    const withRequest = lines.filter((l) => l['reqId'] !== undefined);
    // Error lines of a failed request are allowed; the request itself appears once.
    const requestLines = withRequest.filter((l) => l['msg'] === 'request');
    expect(requestLines.map((l) => [l['method'], l['route'], l['statusCode']])).toEqual([
      ['GET', '/health/live', 200],
      ['GET', '/v1/warehouses/:id', 404],
      ['GET', '/v1/warehouses/:id', 401],
      ['POST', '/v1/warehouses', 201],
    ]);
    expect(new Set(requestLines.map((l) => l['reqId'])).size).toBe(4);
    expect(
      lines.some((l) => l['msg'] === 'incoming request' || l['msg'] === 'request completed'),
    ).toBe(false);
    expect(JSON.stringify(lines)).not.toContain(key);
  });
});
