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

/** Fails while `failing` is on, so a retry after it is switched off succeeds. */
let failing = true;
const toggle = defineJob({
  name: 'toggle',
  payload: t.type({}),
  policy: { attempts: 1, backoff: { delayMs: 1, jitter: 0 }, timeoutMs: 1_000 },
  handle: async () => {
    if (failing) throw new Error('receiver down');
  },
});

describe('GET /v1/ops/jobs', () => {
  let backend: TestBackend;
  let runner: InProcessJobRunner;
  let server: TestServer;

  beforeAll(async () => {
    backend = await openTestBackend('pglite', 'ops_jobs');
    runner = createInProcessJobRunner({ jobs: [broken, toggle] });
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

  it('POST /v1/ops/jobs/:id/retry runs a failed job again; 404 unknown, 409 not failed', async () => {
    await enqueueJob(runner, toggle, {}, { jobId: 'toggle-1' });
    await runner.settled('toggle-1', 5_000);
    const listed = await call(server, 'GET', '/v1/ops/jobs?state=failed', undefined, as('admin'));
    expect((listed.body as { items: { id: string }[] }).items.map((j) => j.id)).toContain(
      'toggle-1',
    );
    const refused = await call(server, 'POST', '/v1/ops/jobs/toggle-1/retry', {}, as('operator'));
    expect(refused.status).toBe(403);
    failing = false;
    const retried = await call(server, 'POST', '/v1/ops/jobs/toggle-1/retry', {}, as('admin'));
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: 'toggle-1', name: 'toggle', lastError: null });
    expect(await runner.settled('toggle-1', 5_000)).toMatchObject({
      state: 'completed',
      attempts: 1,
    });
    const again = await call(server, 'POST', '/v1/ops/jobs/toggle-1/retry', {}, as('admin'));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict' } });
    expect((again.body as { error: { message: string } }).error.message).toContain('completed');
    const unknown = await call(server, 'POST', '/v1/ops/jobs/nope/retry', {}, as('admin'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'not_found' } });
    const extra = await call(server, 'POST', '/v1/ops/jobs/job-1/retry', { x: 1 }, as('admin'));
    expect(extra.status).toBe(400);
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
