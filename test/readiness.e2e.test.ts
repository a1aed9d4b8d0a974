import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, defaultConfig } from '@erpcore/api';
import { createPgClient, createPostgresEventStore } from '@erpcore/eventstore';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import { createProjectionProgress, createReadDb } from '@erpcore/projections';
import { createJobRuntime, defaultJobsConfig, type JobRuntime } from '@erpcore/workers';
import { freePort } from './support/free-port.js';
import {
  fetchChecked,
  call,
  openTestBackend,
  serveApp,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';

/**
 * Issue 10: `/health/ready` answers 503 `not_ready` with its reasons in `details` when the
 * database does not answer, a projection has failed, or Redis (configured) does not answer;
 * finding 2 over HTTP: a stored event that does not decode fails the projections at its
 * position and never makes `/v1/projections`, `/metrics` or `/v1/events` answer 500; finding 11:
 * `GET /v1/ops/jobs` with Redis away answers 503 (bounded at 2 s) instead of hanging.
 */
const up = await postgresAvailable();

const detailsOf = (body: unknown): Array<{ path: string; message: string }> =>
  (body as { error: { details: Array<{ path: string; message: string }> } }).error.details;

describe.skipIf(!up)('readiness and undecodable events over HTTP', () => {
  let backend: TestBackend;
  let server: TestServer;
  beforeAll(async () => {
    backend = await openTestBackend('postgres', 'readiness');
    server = await serveApp(backend);
  });
  afterAll(async () => {
    await server?.close();
    await backend?.close();
  });

  it('an undecodable stored event: projections fail at it, reads stay 200, ready says why', async () => {
    expect((await call(server, 'GET', '/health/ready')).status).toBe(200);
    expect(
      (await call(server, 'POST', '/v1/warehouses', { id: 'WH-R1', name: 'One' })).status,
    ).toBe(201);
    // A row as one written before appends were checked (or edited by hand): es_append itself.
    const { rows } = await backend.client.query<{ result: { position: string } }>(
      'select es_append($1::jsonb) as result',
      [
        JSON.stringify([
          {
            streamId: 'warehouse-WH-R2',
            expected: 'no_stream',
            events: [
              {
                eventId: randomUUID(),
                type: 'WarehouseCreated',
                data: { id: 'WH-R2', name: 'Two', branchId: null },
                metadata: {
                  correlationId: 'c',
                  causationId: null,
                  occurredAt: new Date().toISOString(),
                },
              },
            ],
          },
        ]),
      ],
    );
    const position = rows[0]?.result.position ?? '';
    type Listed = { name: string; status: string; error?: { position: string } };
    let items: Listed[] = [];
    for (let i = 0; i < 400; i++) {
      const listed = await call(server, 'GET', '/v1/projections');
      expect(listed.status).toBe(200);
      items = (listed.body as { items: Listed[] }).items;
      if (items.every((p) => p.status === 'failed')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(items.map((p) => [p.status, p.error?.position])).toEqual(
      items.map(() => ['failed', position]),
    );
    const metrics = await fetchChecked(server, '/metrics');
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('erpcore_projection_lag_events');
    const events = await call(server, 'GET', '/v1/events?limit=50');
    expect(events.status).toBe(200);
    const page = events.body as { items: Array<{ position: string; metadata: object }> };
    expect(page.items.find((e) => e.position === position)?.metadata).not.toHaveProperty('actor');
    const ready = await call(server, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect((ready.body as { error: { code: string } }).error.code).toBe('not_ready');
    expect(detailsOf(ready.body).map((d) => d.path)).toEqual(
      items.map((p) => `projections.${p.name}`).sort(),
    );
  });

  it('the database unreachable: 503 naming the database', async () => {
    const port = await freePort();
    const client = createPgClient({ connectionString: `postgres://postgres@127.0.0.1:${port}/x` });
    const store = createPostgresEventStore(client);
    const db = createReadDb(client);
    const app = await buildApp({
      store,
      db,
      client,
      progress: createProjectionProgress({ db, client, store, projections: [] }),
      config: { ...defaultConfig, logLevel: 'silent' },
    });
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      const body: unknown = ready.json();
      expect(detailsOf(body).map((d) => d.path)).toEqual(['database']);
    } finally {
      await app.close();
      await db.destroy();
      await client.close();
    }
  });

  it('Redis configured but away: ready 503 naming redis, GET /v1/ops/jobs 503, not a hang', async () => {
    const port = await freePort();
    const jobs: JobRuntime | undefined = createJobRuntime({
      config: { ...defaultJobsConfig, redisUrl: `redis://127.0.0.1:${port}` },
      runJobs: false,
      store: backend.store,
      client: backend.client,
      progress: backend.progress,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    if (jobs === undefined) return expect.fail('a Redis runtime is always created');
    const app = await buildApp({
      store: backend.store,
      db: backend.db,
      client: backend.client,
      progress: backend.progress,
      config: { ...defaultConfig, logLevel: 'silent' },
      jobs: jobs.queue,
      readinessChecks: [{ name: 'redis', check: () => jobs.problem() }],
    });
    try {
      const listed = await app.inject({ method: 'GET', url: '/v1/ops/jobs' });
      expect(listed.statusCode).toBe(503);
      expect(listed.json()).toMatchObject({ error: { code: 'not_ready' } });
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(detailsOf(ready.json()).map((d) => d.path)).toContain('redis');
    } finally {
      await app.close();
      await jobs.close();
    }
  }, 15_000);
});
