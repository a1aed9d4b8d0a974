import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import {
  call,
  openTestBackend,
  serveApp,
  type Answer,
  type Backend,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';

const postgresUp = await postgresAvailable();
const backends: readonly Backend[] = postgresUp ? ['pglite', 'postgres'] : ['pglite'];

interface Outcome {
  readonly id: string;
  readonly revision: string;
  readonly position: string;
  readonly balance?: string;
}
interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: ReadonlyArray<{ path?: string }>;
  };
}
interface ListBody<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

describe.each(backends)('inventory over HTTP on %s', (backend) => {
  let opened: TestBackend;
  let server: TestServer;
  let last = '0';

  /** A command; remembers its position so the next read waits for it. */
  const command = async (
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const answer = await call(server, 'POST', path, body, headers);
    if (answer.status < 300) last = (answer.body as Outcome).position;
    return answer;
  };
  /** A query that reads its own writes. */
  const query = (path: string) => call(server, 'GET', path, undefined, { 'x-min-position': last });
  const errorOf = (a: Answer) => (a.body as ErrorBody).error;

  beforeAll(async () => {
    opened = await openTestBackend(backend, 'inventory_e2e', { poolSize: 8 });
    server = await serveApp(opened);
    for (const id of ['A', 'B', 'C'])
      expect((await command('/v1/warehouses', { id, name: `Warehouse ${id}` })).status).toBe(201);
    for (const [id, unit] of [
      ['CLOTH', 'm'],
      ['PIN', 'pcs'],
      ['IDLE', 'pcs'],
    ])
      expect((await command('/v1/products', { id, name: id, unit })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
    await opened?.close();
  });

  it('receives and issues with decimal quantities, answering the running balance', async () => {
    const received = await command('/v1/stock/receipts', {
      productId: 'CLOTH',
      warehouseId: 'A',
      quantity: '12.5',
      reference: 'PO-1',
    });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ id: 'stock-CLOTH@A', revision: '0', balance: '12.5' });
    expect((received.body as Outcome).position).toMatch(/^\d+$/);
    const more = await command('/v1/stock/receipts', {
      productId: 'CLOTH',
      warehouseId: 'A',
      quantity: '0.125',
    });
    expect(more.body).toMatchObject({ revision: '1', balance: '12.625' });
    const issued = await command('/v1/stock/issues', {
      productId: 'CLOTH',
      warehouseId: 'A',
      quantity: '2.625',
      reference: 'INV-7',
    });
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ revision: '2', balance: '10' });
  });

  it('refuses an issue beyond what is available, and unknown products and warehouses, with 422', async () => {
    const tooMuch = await command('/v1/stock/issues', {
      productId: 'CLOTH',
      warehouseId: 'A',
      quantity: '10.001',
    });
    expect(tooMuch.status).toBe(422);
    expect(errorOf(tooMuch).code).toBe('insufficient_stock');
    expect(errorOf(tooMuch).details).toEqual([
      { productId: 'CLOTH', warehouseId: 'A', requested: '10.001', available: '10' },
    ]);
    expect(
      errorOf(
        await command('/v1/stock/issues', { productId: 'PIN', warehouseId: 'B', quantity: '1' }),
      ).code,
    ).toBe('insufficient_stock');
    expect(
      errorOf(
        await command('/v1/stock/receipts', { productId: 'NOPE', warehouseId: 'A', quantity: '1' }),
      ).code,
    ).toBe('unknown_product');
    expect(
      errorOf(
        await command('/v1/stock/receipts', {
          productId: 'PIN',
          warehouseId: 'NOPE',
          quantity: '1',
        }),
      ).code,
    ).toBe('unknown_warehouse');
  });

  it('refuses JSON numbers, zero, negative and over-precise quantities, naming the path', async () => {
    const bodies = [
      { productId: 'PIN', warehouseId: 'A', quantity: 5 },
      { productId: 'PIN', warehouseId: 'A', quantity: '0' },
      { productId: 'PIN', warehouseId: 'A', quantity: '-1' },
      { productId: 'PIN', warehouseId: 'A', quantity: '1.0001' },
      { productId: 'PIN', warehouseId: 'A', quantity: '1e3' },
    ];
    for (const body of bodies) {
      for (const path of ['/v1/stock/receipts', '/v1/stock/issues']) {
        const answer = await command(path, body);
        expect(answer.status).toBe(400);
        expect(errorOf(answer).code).toBe('validation_failed');
        expect(errorOf(answer).details.map((d) => d.path)).toEqual(['body.quantity']);
      }
    }
    const missing = await command('/v1/stock/receipts', {
      productId: 'bad id!',
      quantity: '1',
      extra: true,
    });
    expect(
      errorOf(missing)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['body.extra', 'body.productId', 'body.warehouseId']);
    const adjust = await command('/v1/stock/adjustments', {
      productId: 'PIN',
      warehouseId: 'A',
      countedQuantity: '-0.001',
      reason: 'count',
    });
    expect(errorOf(adjust).details.map((d) => d.path)).toEqual(['body.countedQuantity']);
    const noReason = await command('/v1/stock/adjustments', {
      productId: 'PIN',
      warehouseId: 'A',
      countedQuantity: '1',
    });
    expect(errorOf(noReason).details.map((d) => d.path)).toEqual(['body.reason']);
    const transfer = await command('/v1/stock/transfers', {
      id: 'T-x',
      productId: 'PIN',
      fromWarehouseId: 'A',
      toWarehouseId: 'B',
      quantity: 1,
    });
    expect(errorOf(transfer).details.map((d) => d.path)).toEqual(['body.quantity']);
  });

  it('adjusts to a counted quantity, zero included', async () => {
    expect(
      (await command('/v1/stock/receipts', { productId: 'PIN', warehouseId: 'C', quantity: '40' }))
        .body,
    ).toMatchObject({ balance: '40' });
    const counted = await command('/v1/stock/adjustments', {
      productId: 'PIN',
      warehouseId: 'C',
      countedQuantity: '38',
      reason: 'stocktake 2024-06',
    });
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({ id: 'stock-PIN@C', balance: '38' });
    const zero = await command('/v1/stock/adjustments', {
      productId: 'PIN',
      warehouseId: 'B',
      countedQuantity: '0',
      reason: 'opening count',
    });
    expect(zero.status).toBe(200);
    expect(zero.body).toMatchObject({ id: 'stock-PIN@B', revision: '0', balance: '0' });
  });

  it('transfers atomically; refuses the same warehouse (400), a reused id (409) and too much (422)', async () => {
    const moved = await command('/v1/stock/transfers', {
      id: 'T-1',
      productId: 'CLOTH',
      fromWarehouseId: 'A',
      toWarehouseId: 'B',
      quantity: '4.5',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: 'T-1', revision: '0' });
    const same = await command('/v1/stock/transfers', {
      id: 'T-2',
      productId: 'CLOTH',
      fromWarehouseId: 'A',
      toWarehouseId: 'A',
      quantity: '1',
    });
    expect(same.status).toBe(400);
    expect(errorOf(same).code).toBe('validation_failed');
    const reused = await command('/v1/stock/transfers', {
      id: 'T-1',
      productId: 'CLOTH',
      fromWarehouseId: 'B',
      toWarehouseId: 'A',
      quantity: '1',
    });
    expect(reused.status).toBe(409);
    expect(errorOf(reused).code).toBe('conflict');
    const tooMuch = await command('/v1/stock/transfers', {
      id: 'T-3',
      productId: 'CLOTH',
      fromWarehouseId: 'A',
      toWarehouseId: 'C',
      quantity: '5.501',
    });
    expect(tooMuch.status).toBe(422);
    expect(errorOf(tooMuch).code).toBe('insufficient_stock');
    expect(
      errorOf(
        await command('/v1/stock/transfers', {
          id: 'T-4',
          productId: 'CLOTH',
          fromWarehouseId: 'A',
          toWarehouseId: 'NOPE',
          quantity: '1',
        }),
      ).code,
    ).toBe('unknown_warehouse');
    // Nothing of the refused ones moved anything.
    const stock = await query('/v1/products/CLOTH/stock');
    expect(stock.body).toMatchObject({
      onHand: '10',
      warehouses: [
        { warehouseId: 'A', onHand: '5.5' },
        { warehouseId: 'B', onHand: '4.5' },
      ],
    });
  });

  it('answers an identical retry with the same Idempotency-Key from the first request', async () => {
    const body = {
      id: 'T-idem',
      productId: 'CLOTH',
      fromWarehouseId: 'B',
      toWarehouseId: 'C',
      quantity: '0.5',
    };
    const first = await command('/v1/stock/transfers', body, { 'idempotency-key': 'k-transfer-1' });
    const again = await command('/v1/stock/transfers', body, { 'idempotency-key': 'k-transfer-1' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const receipt = { productId: 'IDLE', warehouseId: 'A', quantity: '3' };
    const r1 = await command('/v1/stock/receipts', receipt, { 'idempotency-key': 'k-receipt-1' });
    const r2 = await command('/v1/stock/receipts', receipt, { 'idempotency-key': 'k-receipt-1' });
    expect(r2.body).toEqual(r1.body);
    expect(r1.body).toMatchObject({ balance: '3' });
    expect((await query('/v1/products/IDLE/stock')).body).toMatchObject({ onHand: '3' });
  });

  it('treats a retry with reordered fields and "2" as "2.000" as identical; another body is 422', async () => {
    // IDLE@A already has a row (above): the list test's row count stays as it was.
    const receipt = { productId: 'IDLE', warehouseId: 'A', quantity: '2', reference: 'r-1' };
    const first = await command('/v1/stock/receipts', receipt, { 'idempotency-key': 'k-canon' });
    const same = await command(
      '/v1/stock/receipts',
      { reference: 'r-1', quantity: '2.000', warehouseId: 'A', productId: 'IDLE' },
      { 'idempotency-key': 'k-canon' },
    );
    expect(first.status).toBe(200);
    expect([same.status, same.body]).toEqual([200, first.body]);
    const other = await command(
      '/v1/stock/receipts',
      { ...receipt, quantity: '2.5' },
      { 'idempotency-key': 'k-canon' },
    );
    expect(other.status).toBe(422);
    expect(errorOf(other).code).toBe('idempotency_key_reused');
    // The same key on another path is another request.
    const issue = await command('/v1/stock/issues', receipt, { 'idempotency-key': 'k-canon' });
    expect(issue.status).toBe(200);
    expect((await query('/v1/products/IDLE/stock')).body).toMatchObject({ onHand: '3' });
  });

  it('GET /v1/products/:id/stock: totals and warehouses in ONE statement; 404 for an unknown product', async () => {
    const stock = await query('/v1/products/CLOTH/stock');
    expect(stock.status).toBe(200);
    expect(stock.statements).toBe(1);
    expect(stock.body).toEqual({
      productId: 'CLOTH',
      onHand: '10',
      reserved: '0',
      available: '10',
      warehouses: [
        { warehouseId: 'A', onHand: '5.5', reserved: '0', available: '5.5' },
        { warehouseId: 'B', onHand: '4', reserved: '0', available: '4' },
        { warehouseId: 'C', onHand: '0.5', reserved: '0', available: '0.5' },
      ],
    });
    const unknown = await query('/v1/products/NOPE/stock');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('not_found');
  });

  it('GET /v1/stock: filters and keyset pages, one statement each, rows kept at zero', async () => {
    const first = await query('/v1/stock?limit=2');
    expect(first.statements).toBe(1);
    const page1 = first.body as ListBody<{ productId: string; warehouseId: string }>;
    expect(page1.items.map((i) => `${i.productId}@${i.warehouseId}`)).toEqual([
      'CLOTH@A',
      'CLOTH@B',
    ]);
    const keys: string[] = page1.items.map((i) => `${i.productId}@${i.warehouseId}`);
    let cursor = page1.nextCursor;
    while (cursor !== null) {
      const next = await query(`/v1/stock?limit=2&cursor=${encodeURIComponent(cursor)}`);
      expect(next.statements).toBe(1);
      const page = next.body as ListBody<{ productId: string; warehouseId: string }>;
      keys.push(...page.items.map((i) => `${i.productId}@${i.warehouseId}`));
      cursor = page.nextCursor;
    }
    expect(keys).toEqual(['CLOTH@A', 'CLOTH@B', 'CLOTH@C', 'IDLE@A', 'PIN@B', 'PIN@C']);
    const inB = await query('/v1/stock?warehouseId=B');
    expect(inB.body).toEqual({
      items: [
        { productId: 'CLOTH', warehouseId: 'B', onHand: '4', reserved: '0', available: '4' },
        { productId: 'PIN', warehouseId: 'B', onHand: '0', reserved: '0', available: '0' },
      ],
      nextCursor: null,
    });
    expect(
      ((await query('/v1/stock?productId=PIN&warehouseId=C')).body as ListBody<unknown>).items,
    ).toHaveLength(1);
    expect((await query('/v1/stock?cursor=garbage')).status).toBe(400);
    expect((await query('/v1/stock?limit=501')).status).toBe(400);
    expect((await query('/v1/stock?warehouse=B')).status).toBe(400);
  });

  it('GET /v1/products/:id/ledger: movements oldest first with running balances, one statement, paged', async () => {
    const ledger = await query('/v1/products/CLOTH/ledger?warehouseId=A');
    expect(ledger.status).toBe(200);
    expect(ledger.statements).toBe(1);
    const rows = (ledger.body as ListBody<Record<string, string | null>>).items;
    expect(rows.map((r) => [r['kind'], r['quantity'], r['balanceAfter'], r['reference']])).toEqual([
      ['receipt', '12.5', '12.5', 'PO-1'],
      ['receipt', '0.125', '12.625', null],
      ['issue', '-2.625', '10', 'INV-7'],
      ['transfer_out', '-4.5', '5.5', 'T-1'],
    ]);
    for (const r of rows) {
      expect(r['position']).toMatch(/^\d+$/);
      expect(r['warehouseId']).toBe('A');
      expect(new Date(r['occurredAt'] ?? '').toISOString()).toBe(r['occurredAt']);
    }
    const all: Array<Record<string, string>> = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await query(
        `/v1/products/CLOTH/ledger?limit=2${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
      );
      expect(page.statements).toBe(1);
      const body = page.body as ListBody<Record<string, string>>;
      all.push(...body.items);
      cursor = body.nextCursor;
    } while (cursor !== null);
    expect(all.map((r) => `${r['warehouseId']}:${r['kind']}`)).toEqual([
      'A:receipt',
      'A:receipt',
      'A:issue',
      'A:transfer_out',
      'B:transfer_in',
      'B:transfer_out',
      'C:transfer_in',
    ]);
    const positions = all.map((r) => BigInt(r['position'] ?? '0'));
    expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] ?? 0n))).toBe(true);
    const pin = (await query('/v1/products/PIN/ledger')).body as ListBody<Record<string, string>>;
    expect(
      pin.items.map((r) => [
        r['warehouseId'],
        r['kind'],
        r['quantity'],
        r['balanceAfter'],
        r['reference'],
      ]),
    ).toEqual([
      ['C', 'receipt', '40', '40', null],
      ['C', 'adjustment', '-2', '38', 'stocktake 2024-06'],
      ['B', 'adjustment', '0', '0', 'opening count'],
    ]);
    expect((await query('/v1/products/NOPE/ledger')).status).toBe(404);
    expect((await query('/v1/products/PIN/ledger?cursor=garbage')).status).toBe(400);
  });
});
