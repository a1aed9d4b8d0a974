import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@erpcore/eventstore/testing';
import { salesClient } from './support/sales-client.js';
import { call, startTestServer, type TestServer } from './support/test-server.js';

const up = await postgresAvailable();

/** A calendar day `n` days before the server's today (UTC). */
const daysAgo = (n: number): string =>
  new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

interface Movement {
  readonly id: string;
  readonly position: string;
  readonly balance: string;
  readonly journalEntryId: string | null;
}

/**
 * Receipts, issues and counts through the plain inventory routes keep the inventory account equal
 * to the stock valuation (the counterpart is the stock-adjustment posting account), and none is
 * accepted on or before the lock date.
 */
describe.skipIf(!up)('stock movements post to the ledger and honour the lock date', () => {
  let server: TestServer;
  let http: ReturnType<typeof salesClient>;

  const move = async (path: string, body: unknown, status = 200): Promise<Movement> => {
    const answer = await http.post(path, body);
    expect([path, answer.status, answer.body]).toEqual([path, status, expect.anything()]);
    return answer.body as Movement;
  };
  const balance = async (account: string): Promise<string> => {
    const answer = await http.get(`/v1/accounts/${account}`);
    expect(answer.status).toBe(200);
    return (answer.body as { balance: string }).balance;
  };
  const valuation = async (): Promise<string> =>
    ((await http.get('/v1/reports/stock-valuation')).body as { totalValue: string }).totalValue;
  const books = async () => ({
    inventory: await balance('sys.inventory'),
    adjustments: await balance('sys.stock-adjustment'),
    valuation: await valuation(),
  });

  beforeAll(async () => {
    server = await startTestServer('postgres', 'stock_posting_e2e');
    http = salesClient(server);
    for (const id of ['W1', 'W2'])
      expect((await http.post('/v1/warehouses', { id, name: id })).status).toBe(201);
    for (const id of ['P1', 'FREE'])
      expect((await http.post('/v1/products', { id, name: id, unit: 'pcs' })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('posts each movement at the moving average, atomically with it', async () => {
    const at = { productId: 'P1', warehouseId: 'W1' };
    const received = await move('/v1/stock/receipts', { ...at, quantity: '10', unitCost: '2.5' });
    expect(received.balance).toBe('10');
    expect(received.journalEntryId).toMatch(/^stock-/);
    expect(await books()).toEqual({ inventory: '25', adjustments: '-25', valuation: '25' });

    // No unit cost: in at the average (2.50), 12.50 more.
    await move('/v1/stock/receipts', { ...at, quantity: '5', reference: 'found on a shelf' });
    // Out at the average: 3 × 2.50.
    const issued = await move('/v1/stock/issues', { ...at, quantity: '3', id: 'ISS-1' });
    expect(issued).toMatchObject({ balance: '12', journalEntryId: 'stock-ISS-1' });
    expect(await books()).toEqual({ inventory: '30', adjustments: '-30', valuation: '30' });
    // The entry's id is the movement's: reusing it is a 409, and the stock did not move.
    await move('/v1/stock/issues', { ...at, quantity: '1', id: 'ISS-1' }, 409);

    // A count down by 2 (−5.00) and up by 4 (+10.00), both at the average.
    expect(
      await move('/v1/stock/adjustments', { ...at, countedQuantity: '10', reason: 'count' }),
    ).toMatchObject({ balance: '10' });
    expect(await books()).toEqual({ inventory: '25', adjustments: '-25', valuation: '25' });
    await move('/v1/stock/adjustments', { ...at, countedQuantity: '14', reason: 'recount' });
    expect(await books()).toEqual({ inventory: '35', adjustments: '-35', valuation: '35' });
    // Everything out: the whole value leaves, no stray cent on an empty shelf.
    await move('/v1/stock/issues', { ...at, quantity: '14' });
    expect(await books()).toEqual({ inventory: '0', adjustments: '0', valuation: '0' });
    await move('/v1/stock/receipts', { ...at, quantity: '3', unitCost: '3.333' });
    expect(await books()).toEqual({ inventory: '10', adjustments: '-10', valuation: '10' });
  });

  it('posts nothing for a stream that never had a value', async () => {
    const at = { productId: 'FREE', warehouseId: 'W1' };
    const received = await move('/v1/stock/receipts', { ...at, quantity: '4' });
    expect(received).toMatchObject({ balance: '4', journalEntryId: null });
    expect(await move('/v1/stock/issues', { ...at, quantity: '1' })).toMatchObject({
      journalEntryId: null,
    });
  });

  it('answers an identical retry with the first answer, posting once', async () => {
    const body = { productId: 'P1', warehouseId: 'W1', quantity: '1', reference: 'scrap' };
    const headers = { 'idempotency-key': 'scrap-1' };
    const first = await call(server, 'POST', '/v1/stock/issues', body, headers);
    const again = await call(server, 'POST', '/v1/stock/issues', body, headers);
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    await http.post('/v1/stock/receipts', { productId: 'FREE', warehouseId: 'W1', quantity: '1' });
    // 10.00 on 3 units less one at the average (3.33).
    expect(await books()).toEqual({ inventory: '6.67', adjustments: '-6.67', valuation: '6.67' });
  });

  it('refuses a movement dated on or before the lock date with 422 period_locked', async () => {
    const lock = await call(server, 'POST', '/v1/settings/lock-date', { lockDate: daysAgo(1) });
    expect(lock.status).toBe(200);
    const at = { productId: 'P1', warehouseId: 'W1' };
    for (const [path, body] of [
      ['/v1/stock/receipts', { ...at, quantity: '1', unitCost: '1', date: daysAgo(1) }],
      ['/v1/stock/issues', { ...at, quantity: '1', date: daysAgo(2) }],
      ['/v1/stock/adjustments', { ...at, countedQuantity: '0', reason: 'late', date: daysAgo(1) }],
      // An unvalued stream posts nothing, and still may not move in a closed period.
      [
        '/v1/stock/issues',
        { productId: 'FREE', warehouseId: 'W1', quantity: '1', date: daysAgo(9) },
      ],
      // A transfer moves no value, and still may not be dated in a closed period.
      [
        '/v1/stock/transfers',
        {
          id: 'T-LATE',
          productId: 'FREE',
          fromWarehouseId: 'W1',
          toWarehouseId: 'W2',
          quantity: '1',
          date: daysAgo(1),
        },
      ],
    ] as const) {
      const answer = await http.post(path, body);
      expect([path, answer.status, http.code(answer)]).toEqual([path, 422, 'period_locked']);
    }
    const stock = await http.get('/v1/products/P1/stock');
    expect(stock.body).toMatchObject({ onHand: '2' });
    expect(await books()).toEqual({ inventory: '6.67', adjustments: '-6.67', valuation: '6.67' });
    // Today (the default date) is after the lock date.
    await move('/v1/stock/issues', { ...at, quantity: '1' });
    await move('/v1/stock/transfers', {
      id: 'T-NOW',
      productId: 'FREE',
      fromWarehouseId: 'W1',
      toWarehouseId: 'W2',
      quantity: '1',
    });
    expect(await books()).toEqual({ inventory: '3.33', adjustments: '-3.33', valuation: '3.33' });
    expect((await call(server, 'POST', '/v1/settings/lock-date', { lockDate: null })).status).toBe(
      200,
    );
  });

  it('posts every one of many concurrent movements on several products exactly once', async () => {
    for (const id of ['C1', 'C2', 'C3'])
      expect((await http.post('/v1/products', { id, name: id, unit: 'pcs' })).status).toBe(201);
    const before = await books();
    const answers = await Promise.all(
      ['C1', 'C2', 'C3'].flatMap((productId) => [
        call(server, 'POST', '/v1/stock/receipts', {
          productId,
          warehouseId: 'W1',
          quantity: '4',
          unitCost: '1.25',
        }),
        call(server, 'POST', '/v1/stock/receipts', {
          productId,
          warehouseId: 'W2',
          quantity: '2',
          unitCost: '0.5',
        }),
      ]),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const issues = await Promise.all(
      ['C1', 'C2', 'C3'].flatMap((productId) =>
        ['1', '1', '2'].map((quantity) =>
          call(server, 'POST', '/v1/stock/issues', { productId, warehouseId: 'W1', quantity }),
        ),
      ),
    );
    expect(issues.every((a) => a.status === 200)).toBe(true);
    const last = [...answers, ...issues]
      .map((a) => BigInt((a.body as Movement).position))
      .reduce((m, p) => (p > m ? p : m), 0n);
    const after = (path: string) =>
      call(server, 'GET', path, undefined, { 'x-min-position': last.toString() });
    const inventory = (await after('/v1/accounts/sys.inventory')).body as { balance: string };
    const valuation = (await after('/v1/reports/stock-valuation')).body as { totalValue: string };
    // 3 × (4 × 1.25 + 2 × 0.50) in, 3 × 4 × 1.25 out (everything received into W1).
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(cents(inventory.balance) - cents(before.inventory)).toBe(300);
    expect(valuation.totalValue).toBe(inventory.balance);
  });

  it('refuses a bad date or unit cost with 400, naming the field', async () => {
    const at = { productId: 'P1', warehouseId: 'W1', quantity: '1' };
    for (const [path, body, field] of [
      ['/v1/stock/issues', { ...at, date: '2026-02-30' }, 'date'],
      ['/v1/stock/receipts', { ...at, unitCost: 2 }, 'unitCost'],
      ['/v1/stock/issues', { ...at, unitCost: '2' }, 'unitCost'],
      ['/v1/stock/issues', { ...at, id: 'no spaces' }, 'id'],
    ] as const) {
      const answer = await http.post(path, body);
      expect([path, answer.status, JSON.stringify(answer.body)]).toEqual([
        path,
        400,
        expect.stringContaining(field),
      ]);
    }
  });
});
