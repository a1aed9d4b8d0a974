import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import { salesClient } from './support/sales-client.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const up = await postgresAvailable();

describe.skipIf(!up)('20 confirmations racing for scarce stock over HTTP (PostgreSQL)', () => {
  let server: TestServer;
  let http: ReturnType<typeof salesClient>;

  beforeAll(async () => {
    server = await startTestServer('postgres', 'sales_concurrency', { poolSize: 8 });
    http = salesClient(server);
    await http.post('/v1/warehouses', { id: 'W1', name: 'Main' });
    await http.post('/v1/products', { id: 'HOT', name: 'Scarce', unit: 'pcs' });
    await http.post('/v1/products', { id: 'COLD', name: 'Plenty', unit: 'pcs' });
    await http.post('/v1/customers', { id: 'C1', name: 'Ada' });
    await http.post('/v1/stock/receipts', { productId: 'HOT', warehouseId: 'W1', quantity: '10' });
    await http.post('/v1/stock/receipts', {
      productId: 'COLD',
      warehouseId: 'W1',
      quantity: '1000',
    });
    // 20 orders wanting 1–3 HOT each (40 in all, 10 in stock) and 1 COLD, which is never short:
    // a refused confirmation that reserved its COLD line anyway would show in COLD's reservation.
    for (let i = 0; i < 20; i++) {
      const placed = await http.post('/v1/orders', {
        id: `O${i}`,
        customerId: 'C1',
        branchId: 'B1',
        salespersonId: 'S1',
        warehouseId: 'W1',
        items: [
          { productId: 'COLD', quantity: '1', unitPrice: '1' },
          { productId: 'HOT', quantity: String(1 + (i % 3)), unitPrice: '5' },
        ],
      });
      expect(placed.status).toBe(201);
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('never reserves beyond stock, and a refused confirmation reserves nothing', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_x, i) => http.post(`/v1/orders/O${i}/confirm`, {})),
    );
    const confirmed = answers.flatMap((a, i) => (a.status === 200 ? [i] : []));
    const refused = answers.flatMap((a, i) => (a.status !== 200 ? [i] : []));
    for (const i of refused)
      expect([answers[i]?.status, http.code(answers[i] ?? { body: undefined })]).toEqual([
        422,
        'insufficient_stock',
      ]);
    expect(confirmed.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);

    const hotWanted = confirmed.reduce((sum, i) => sum + 1 + (i % 3), 0);
    const stock = async (id: string) =>
      (await http.get(`/v1/products/${id}/stock`)).body as { onHand: string; reserved: string };
    const hot = await stock('HOT');
    expect(Number(hot.reserved)).toBe(hotWanted);
    expect(Number(hot.reserved)).toBeLessThanOrEqual(Number(hot.onHand));
    // Greedy check: no refused order could have fitted in what is left (it was refused for a real shortage).
    for (const i of refused) expect(1 + (i % 3)).toBeGreaterThan(10 - hotWanted);
    expect(Number((await stock('COLD')).reserved)).toBe(confirmed.length);

    // The event streams agree: exactly the confirmed orders reserved, once each, on both products.
    const { store } = server.app.erp;
    for (const product of ['HOT', 'COLD']) {
      const references = (await store.readStream(`stock-${product}@W1`))
        .filter((e) => e.type === 'StockReserved')
        .map((e) => (e.data as { reference: string }).reference);
      expect(references.sort()).toEqual(confirmed.map((i) => `order-O${i}`).sort());
    }
    for (const i of refused)
      expect((await http.get(`/v1/orders/O${i}`)).body).toMatchObject({ status: 'pending' });
  });
});
