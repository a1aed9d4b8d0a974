import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import { call, startTestServer, type Backend, type TestServer } from './support/test-server.js';

const postgresUp = await postgresAvailable();
const backends: readonly Backend[] = postgresUp ? ['pglite', 'postgres'] : ['pglite'];

interface Outcome {
  readonly id: string;
  readonly revision: string;
  readonly position: string;
}

describe.each(backends)('catalog over HTTP on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend, 'catalog_e2e');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('creates a warehouse and reads it back at the answered position, in one statement', async () => {
    const created = await call(server, 'POST', '/v1/warehouses', {
      id: 'WH-1',
      name: 'Main store',
      branchId: 'BR-1',
    });
    expect(created.status).toBe(201);
    const outcome = created.body as Outcome;
    expect(outcome).toMatchObject({ id: 'WH-1', revision: '0' });
    expect(outcome.position).toMatch(/^\d+$/);

    const read = await call(server, 'GET', '/v1/warehouses/WH-1', undefined, {
      'x-min-position': outcome.position,
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ id: 'WH-1', name: 'Main store', branchId: 'BR-1' });
    expect(read.statements).toBe(1);
  });

  it('counts a command its own statements while reads beside it count only theirs', async () => {
    const [command, ...reads] = await Promise.all([
      call(server, 'POST', '/v1/warehouses', { id: 'WH-2', name: 'Annex', branchId: 'BR-1' }),
      ...Array.from({ length: 12 }, () => call(server, 'GET', '/v1/warehouses/WH-1')),
    ]);
    expect(command?.status).toBe(201);
    expect(command?.statements).toBeGreaterThan(0);
    expect(reads.map((r) => [r.status, r.statements])).toEqual(reads.map(() => [200, 1]));
  });

  it('creates products and pages through them, one statement per page', async () => {
    let last = '0';
    for (const [id, unit] of [
      ['SKU-A', 'pcs'],
      ['SKU-B', 'm'],
      ['SKU-C', 'kg'],
    ] as const) {
      const created = await call(server, 'POST', '/v1/products', {
        id,
        name: `Product ${id}`,
        unit,
      });
      expect(created.status).toBe(201);
      last = (created.body as Outcome).position;
    }
    const first = await call(server, 'GET', '/v1/products?limit=2', undefined, {
      'x-min-position': last,
    });
    expect(first.status).toBe(200);
    expect(first.statements).toBe(1);
    const page = first.body as { items: unknown[]; nextCursor: string | null };
    expect(page.items).toEqual([
      { id: 'SKU-A', name: 'Product SKU-A', unit: 'pcs' },
      { id: 'SKU-B', name: 'Product SKU-B', unit: 'm' },
    ]);
    expect(page.nextCursor).not.toBeNull();
    const second = await call(
      server,
      'GET',
      `/v1/products?limit=2&cursor=${encodeURIComponent(page.nextCursor ?? '')}`,
    );
    expect(second.body).toEqual({
      items: [{ id: 'SKU-C', name: 'Product SKU-C', unit: 'kg' }],
      nextCursor: null,
    });
    expect(second.statements).toBe(1);

    const one = await call(server, 'GET', '/v1/products/SKU-B');
    expect(one.body).toEqual({ id: 'SKU-B', name: 'Product SKU-B', unit: 'm' });
    expect(one.statements).toBe(1);
    const list = await call(server, 'GET', '/v1/warehouses');
    expect(list.statements).toBe(1);
  });

  it('lists every failing path of a body that does not decode', async () => {
    const answer = await call(server, 'POST', '/v1/warehouses', {
      id: 'bad id!',
      name: 7,
      branchID: 'x',
    });
    expect(answer.status).toBe(400);
    const { error } = answer.body as { error: { code: string; details: { path: string }[] } };
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => d.path).sort()).toEqual([
      'body.branchID',
      'body.id',
      'body.name',
    ]);

    const query = await call(server, 'GET', '/v1/products?limit=0&cursor=@@');
    expect(query.status).toBe(400);
    expect(
      (query.body as { error: { details: { path: string }[] } }).error.details.map((d) => d.path),
    ).toContain('query.limit');
  });

  it('refuses a duplicate id with 409 and an unknown id with 404', async () => {
    expect(
      (await call(server, 'POST', '/v1/products', { id: 'DUP', name: 'x', unit: 'pcs' })).status,
    ).toBe(201);
    const again = await call(server, 'POST', '/v1/products', { id: 'DUP', name: 'y', unit: 'pcs' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict', details: [] } });

    const missing = await call(server, 'GET', '/v1/warehouses/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'not_found' } });
    expect(missing.statements).toBe(1);
  });

  it('answers an identical retry with the same Idempotency-Key with the first response', async () => {
    const body = { id: 'IDEM-1', name: 'Idempotent', unit: 'pcs' };
    const first = await call(server, 'POST', '/v1/products', body, { 'idempotency-key': 'k-1' });
    const retry = await call(server, 'POST', '/v1/products', body, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const otherBody = await call(
      server,
      'POST',
      '/v1/products',
      { ...body, name: 'Changed' },
      { 'idempotency-key': 'k-1' },
    );
    // API.md: the same key with a different request is refused as such, not as a second create.
    expect(otherBody.status).toBe(422);
    expect(otherBody.body).toMatchObject({ error: { code: 'idempotency_key_reused' } });
  });

  it('reports projections, readiness and the OpenAPI document', async () => {
    const projections = await call(server, 'GET', '/v1/projections');
    expect(projections.status).toBe(200);
    const names = (projections.body as { items: { name: string }[] }).items.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['warehouses', 'products']));
    expect((await call(server, 'GET', '/health/live')).status).toBe(200);
    expect((await call(server, 'GET', '/health/ready')).status).toBe(200);
    const docs = await call(server, 'GET', '/docs/json');
    const paths = Object.keys((docs.body as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v1/warehouses',
        '/v1/warehouses/{id}',
        '/v1/products',
        '/v1/products/{id}',
        '/v1/projections',
        '/health/ready',
      ]),
    );
  });
});
