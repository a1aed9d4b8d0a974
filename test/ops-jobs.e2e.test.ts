import * as t from 'io-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, defaultConfig, type ApiKey } from '@erpcore/api';
import {
  createInProcessJobRunner,
  defineJob,
  enqueueJob,
  UnrecoverableError,
  type InProcessJobRunner,
} from '@erpcore/workers';
import { call, openTestBackend, type TestBackend, type TestServer } from './support/test-server.js';

const keys: ApiKey[] = [
  { name: 'root', role: 'admin', key: 'admin-key-0123456789' },
  { name: 'op', role: 'operator', key: 'operator-key-0123456789' },
  { name: 'aud', role: 'auditor', key: 'auditor-key-0123456789' },
];
const as = (role: 'admin' | 'operator' | 'auditor') => ({
  authorization: `Bearer ${keys.find((k) => k.role === role)?.key ?? ''}`,
});

const broken = defineJob({
  name: 'broken',
  payload: t.type({ n: t.number }),
  policy: { attempts: 3, backoff: { delayMs: 1, jitter: 0 }, timeoutMs: 1_000 },
  handle: async ({ n }) => {
    if (n > 0) throw new UnrecoverableError(`cannot do ${n}`);
  },
});

describe('GET /v1/ops/jobs', () => {
  let backend: TestBackend;
  let runner: InProcessJobRunner;
  let server: TestServer;

  beforeAll(async () => {
    backend = await openTestBackend('pglite', 'ops_jobs');
    runner = createInProcessJobRunner({ jobs: [broken] });
    await runner.start();
    const app = await buildApp({
      store: backend.store,
      db: backend.db,
      client: backend.client,
      progress: backend.progress,
      config: { ...defaultConfig, logLevel: 'silent', apiKeys: keys },
      jobs: runner,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    server = { url: `http://127.0.0.1:${address.port}`, app, close: () => app.close() };
    for (const n of [0, 1, 2]) {
      await enqueueJob(runner, broken, { n }, { jobId: `job-${n}` });
      await runner.settled(`job-${n}`, 5_000);
    }
  });
  afterAll(async () => {
    await server?.close();
    await runner?.close();
    await backend?.close();
  });

  it('lists failed jobs with their last error, newest first, paged', async () => {
    const first = await call(
      server,
      'GET',
      '/v1/ops/jobs?state=failed&limit=1',
      undefined,
      as('admin'),
    );
    expect(first.status).toBe(200);
    const page = first.body as { items: unknown[]; nextCursor: string | null };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      name: 'broken',
      state: 'failed',
      attempts: 1,
    });
    expect(page.items[0]).toHaveProperty('payload.n', expect.any(Number));
    expect((page.items[0] as { lastError: string }).lastError).toMatch(/cannot do [12]/);
    expect(typeof (page.items[0] as { timestamp: string }).timestamp).toBe('string');
    const rest = await call(
      server,
      'GET',
      `/v1/ops/jobs?state=failed&cursor=${page.nextCursor ?? ''}`,
      undefined,
      as('admin'),
    );
    expect((rest.body as { items: unknown[]; nextCursor: null }).items).toHaveLength(1);
    expect((rest.body as { nextCursor: null }).nextCursor).toBeNull();
    const done = await call(server, 'GET', '/v1/ops/jobs?state=completed', undefined, as('admin'));
    expect(done.body).toMatchObject({
      items: [{ id: 'job-0', state: 'completed', lastError: null }],
      nextCursor: null,
    });
  });

  it('is for admins only', async () => {
    for (const role of ['operator', 'auditor'] as const) {
      const answer = await call(server, 'GET', '/v1/ops/jobs?state=failed', undefined, as(role));
      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect((await call(server, 'GET', '/v1/ops/jobs')).status).toBe(401);
  });

  it('refuses an unknown state and a cursor it did not hand out', async () => {
    const state = await call(server, 'GET', '/v1/ops/jobs?state=lost', undefined, as('admin'));
    expect(state.status).toBe(400);
    expect(state.body).toMatchObject({
      error: { code: 'validation_failed', details: [{ path: 'query.state' }] },
    });
    const cursor = await call(server, 'GET', '/v1/ops/jobs?cursor=bm9wZQ', undefined, as('admin'));
    expect(cursor.status).toBe(400);
  });
});
