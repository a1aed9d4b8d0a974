import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import { salesClient } from './support/sales-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const up = await postgresAvailable();

interface Stock {
  readonly onHand: string;
  readonly reserved: string;
  readonly available: string;
}
const dec = (s: string | undefined) => Number(s); // test-side comparison of small decimals only

describe.skipIf(!up)('sales over HTTP (PostgreSQL)', () => {
  let server: TestServer;
  let http: ReturnType<typeof salesClient>;
  const stockOf = async (productId: string): Promise<Stock> =>
    (await http.get(`/v1/products/${productId}/stock`)).body as Stock;
  const trialBalance = async () => {
    const { body } = await http.get('/v1/accounts?limit=500');
    return (body as { items: Array<{ balance: string }> }).items.reduce(
      (sum, a) => sum + Math.round(dec(a.balance) * 100),
      0,
    );
  };

  beforeAll(async () => {
    server = await startTestServer('postgres', 'sales_e2e', { poolSize: 8 });
    http = salesClient(server);
    expect((await http.post('/v1/warehouses', { id: 'W1', name: 'Main' })).status).toBe(201);
    expect(
      (await http.post('/v1/products', { id: 'CLOTH', name: 'Cotton cloth', unit: 'm' })).status,
    ).toBe(201);
    expect(
      (await http.post('/v1/products', { id: 'BTN', name: 'Buttons', unit: 'pcs' })).status,
    ).toBe(201);
    expect(
      (await http.post('/v1/customers', { id: 'C1', name: 'Ada Tailors', phone: '+1 555 0100' }))
        .status,
    ).toBe(201);
    expect(
      (
        await http.post('/v1/stock/receipts', {
          productId: 'CLOTH',
          warehouseId: 'W1',
          quantity: '100',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await http.post('/v1/stock/receipts', {
          productId: 'BTN',
          warehouseId: 'W1',
          quantity: '50',
        })
      ).status,
    ).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('places, confirms, delivers, cancels and takes a payment, every effect visible at the answered position', async () => {
    const order = { customerId: 'C1', branchId: 'B1', salespersonId: 'S1', warehouseId: 'W1' };
    const placed = await http.post('/v1/orders', {
      id: 'O1',
      ...order,
      items: [
        { productId: 'CLOTH', quantity: '12.5', unitPrice: '3.99' },
        { productId: 'BTN', quantity: '10', unitPrice: '0.15' },
      ],
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ id: 'O1', status: 'pending', total: '51.38' }); // 49.875 → 49.88 half-even, + 1.50
    const view = (await http.get('/v1/orders/O1')).body;
    expect(view).toMatchObject({
      id: 'O1',
      status: 'pending',
      customer: { id: 'C1', name: 'Ada Tailors' },
      total: '51.38',
    });
    expect((view as { items: unknown[] }).items).toEqual([
      {
        productId: 'CLOTH',
        productName: 'Cotton cloth',
        quantity: '12.5',
        unitPrice: '3.99',
        lineTotal: '49.88',
      },
      {
        productId: 'BTN',
        productName: 'Buttons',
        quantity: '10',
        unitPrice: '0.15',
        lineTotal: '1.5',
      },
    ]);

    // Confirm: the reservation is visible in stock at the confirm's position.
    expect((await http.post('/v1/orders/O1/confirm', {})).status).toBe(200);
    expect(await stockOf('CLOTH')).toMatchObject({
      onHand: '100',
      reserved: '12.5',
      available: '87.5',
    });
    expect((await http.get('/v1/orders/O1')).body).toMatchObject({ status: 'confirmed' });

    // Deliver: on hand down, reservation gone, customer owes the total, the sale is posted, trial balance zero.
    const delivered = await http.post('/v1/orders/O1/deliver', {});
    expect(delivered.status).toBe(200);
    expect(await stockOf('CLOTH')).toMatchObject({
      onHand: '87.5',
      reserved: '0',
      available: '87.5',
    });
    expect(await stockOf('BTN')).toMatchObject({ onHand: '40', reserved: '0' });
    expect((await http.get('/v1/customers/C1')).body).toEqual({
      id: 'C1',
      name: 'Ada Tailors',
      phone: '+1 555 0100',
      balance: '51.38',
    });
    expect((await http.get('/v1/accounts/sys.receivable')).body).toMatchObject({
      balance: '51.38',
    });
    expect((await http.get('/v1/accounts/sys.revenue')).body).toMatchObject({ balance: '-51.38' });
    expect(await trialBalance()).toBe(0);
    const ledger = (await http.get('/v1/products/CLOTH/ledger')).body as {
      items: Array<{ kind: string; quantity: string }>;
    };
    expect(ledger.items.map((r) => [r.kind, r.quantity])).toEqual([
      ['receipt', '100'],
      ['delivery', '-12.5'],
    ]);
    expect(http.code(await http.post('/v1/orders/O1/cancel', {}))).toBe('invalid_transition');

    // Another order, confirmed then cancelled: its reservation is released.
    await http.post('/v1/orders', {
      id: 'O2',
      ...order,
      items: [{ productId: 'CLOTH', quantity: '20', unitPrice: '1' }],
    });
    await http.post('/v1/orders/O2/confirm', {});
    expect(await stockOf('CLOTH')).toMatchObject({ reserved: '20', available: '67.5' });
    expect(
      (await http.post('/v1/orders/O2/cancel', { reason: 'customer changed mind' })).status,
    ).toBe(200);
    expect(await stockOf('CLOTH')).toMatchObject({
      onHand: '87.5',
      reserved: '0',
      available: '87.5',
    });
    expect((await http.get('/v1/orders?status=cancelled')).body).toMatchObject({
      items: [{ id: 'O2', status: 'cancelled' }],
      nextCursor: null,
    });

    // A payment lowers the balance and posts cash against receivable; its id cannot be reused.
    const paid = await http.post('/v1/customers/C1/payments', { id: 'PAY-1', amount: '20.38' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ id: 'PAY-1', balance: '31' });
    expect((await http.get('/v1/customers/C1')).body).toMatchObject({ balance: '31' });
    expect((await http.get('/v1/accounts/sys.cash')).body).toMatchObject({ balance: '20.38' });
    expect(await trialBalance()).toBe(0);
    const again = await http.post('/v1/customers/C1/payments', { id: 'PAY-1', amount: '1' });
    expect([again.status, http.code(again)]).toEqual([409, 'conflict']);
  });

  it('answers the contract codes for refusals and bad input', async () => {
    const base = {
      customerId: 'C1',
      branchId: 'B1',
      salespersonId: 'S1',
      warehouseId: 'W1',
      items: [{ productId: 'BTN', quantity: '1', unitPrice: '1' }],
    };
    const codeOf = async (path: string, body: unknown) => {
      const a = await http.post(path, body);
      return [a.status, http.code(a)];
    };
    expect(await codeOf('/v1/orders', { ...base, id: 'X1', customerId: 'NOPE' })).toEqual([
      422,
      'unknown_customer',
    ]);
    expect(await codeOf('/v1/orders', { ...base, id: 'X1', warehouseId: 'NOPE' })).toEqual([
      422,
      'unknown_warehouse',
    ]);
    expect(
      await codeOf('/v1/orders', {
        ...base,
        id: 'X1',
        items: [{ productId: 'NOPE', quantity: '1', unitPrice: '1' }],
      }),
    ).toEqual([422, 'unknown_product']);
    expect(
      await codeOf('/v1/orders', {
        ...base,
        id: 'X1',
        items: [{ productId: 'BTN', quantity: 1, unitPrice: '1' }],
      }),
    ).toEqual([400, 'validation_failed']);
    expect(await codeOf('/v1/orders', { ...base, id: 'O1' })).toEqual([409, 'conflict']);
    expect(await codeOf('/v1/orders/NOPE/confirm', {})).toEqual([404, 'not_found']);
    expect(await codeOf('/v1/customers/NOPE/payments', { id: 'PAY-9', amount: '1' })).toEqual([
      404,
      'not_found',
    ]);
    await http.post('/v1/orders', {
      ...base,
      id: 'BIG',
      items: [{ productId: 'BTN', quantity: '1000', unitPrice: '1' }],
    });
    expect(await codeOf('/v1/orders/BIG/confirm', {})).toEqual([422, 'insufficient_stock']);
    expect(await codeOf('/v1/orders/BIG/deliver', {})).toEqual([422, 'invalid_transition']);
    expect((await http.get('/v1/orders?cursor=garbage')).status).toBe(400);
    expect((await http.get('/v1/orders?status=shipped')).status).toBe(400);
  });
});
