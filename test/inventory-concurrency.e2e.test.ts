import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import {
  call,
  openTestBackend,
  serveApp,
  type Answer,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';
import { openSecondWriter } from './support/second-writer.js';

const postgresUp = await postgresAvailable();

interface Outcome {
  readonly position: string;
}

const maxPosition = (answers: readonly Answer[]): string =>
  answers
    .filter((a) => a.status === 200)
    .reduce(
      (max, a) =>
        BigInt((a.body as Outcome).position) > max ? BigInt((a.body as Outcome).position) : max,
      0n,
    )
    .toString();

/**
 * 100 concurrent issues of 1 unit against 37 on hand, over real HTTP on real PostgreSQL:
 * exactly 37 succeed and 63 are refused, whatever the interleaving.
 */
describe.skipIf(!postgresUp)('concurrent issues of one hot SKU (PostgreSQL)', () => {
  let backend: TestBackend;
  let other: TestBackend;
  let one: TestServer;
  let two: TestServer;

  beforeAll(async () => {
    backend = await openTestBackend('postgres', 'inventory_concurrency', { poolSize: 8 });
    other = openSecondWriter(backend);
    one = await serveApp(backend);
    two = await serveApp(other);
    expect((await call(one, 'POST', '/v1/warehouses', { id: 'W', name: 'Main' })).status).toBe(201);
    for (const id of ['HOT', 'HOT2']) {
      expect((await call(one, 'POST', '/v1/products', { id, name: id, unit: 'pcs' })).status).toBe(
        201,
      );
      expect(
        (
          await call(one, 'POST', '/v1/stock/receipts', {
            productId: id,
            warehouseId: 'W',
            quantity: '37',
          })
        ).status,
      ).toBe(200);
    }
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await other?.close();
    await backend?.close();
  });

  const expectExactly37 = async (product: string, answers: readonly Answer[]) => {
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(37);
    expect(statuses.filter((s) => s === 422)).toHaveLength(63);
    for (const a of answers)
      if (a.status === 422) expect(a.body).toMatchObject({ error: { code: 'insufficient_stock' } });
    // Each success answered a distinct balance 36, 35, …, 0.
    const balances = answers
      .filter((a) => a.status === 200)
      .map((a) => Number((a.body as { balance: string }).balance));
    expect([...balances].sort((x, y) => x - y)).toEqual(Array.from({ length: 37 }, (_x, i) => i));

    const headers = { 'x-min-position': maxPosition(answers) };
    const stock = await call(one, 'GET', `/v1/products/${product}/stock`, undefined, headers);
    expect(stock.body).toMatchObject({
      onHand: '0',
      available: '0',
      warehouses: [{ warehouseId: 'W', onHand: '0' }],
    });
    const ledger = await call(
      one,
      'GET',
      `/v1/products/${product}/ledger?limit=500`,
      undefined,
      headers,
    );
    const rows = (
      ledger.body as { items: Array<{ kind: string; quantity: string; balanceAfter: string }> }
    ).items;
    expect(rows.filter((r) => r.kind === 'issue')).toHaveLength(37);
    expect(rows.map((r) => r.balanceAfter)).toEqual([
      '37',
      ...Array.from({ length: 37 }, (_x, i) => String(36 - i)),
    ]);
  };

  it('one API process: exactly 37 succeed, 63 get 422, on hand ends at 0, 37 issue rows', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_x, i) =>
        call(one, 'POST', '/v1/stock/issues', {
          productId: 'HOT',
          warehouseId: 'W',
          quantity: '1',
          reference: `R-${i}`,
        }),
      ),
    );
    await expectExactly37('HOT', answers);
  });

  it('two API processes racing on the same stream: the expected revision still admits exactly 37', async () => {
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_x, i) =>
        call(i % 2 === 0 ? one : two, 'POST', '/v1/stock/issues', {
          productId: 'HOT2',
          warehouseId: 'W',
          quantity: '1',
        }),
      ),
    );
    await expectExactly37('HOT2', answers);
  });
});
