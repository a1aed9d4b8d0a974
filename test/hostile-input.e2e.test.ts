import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxHeldQuantity, Quantity } from '@erpcore/domain';
import type { GlobalPosition } from '@erpcore/eventstore';
import {
  call,
  openTestBackend,
  serveApp,
  type TestBackend,
  type TestServer,
} from './support/test-server.js';

/**
 * Issue 10: hostile values over every command route never get a 5xx, a refused command leaves
 * the event log as it was, and no projection fails afterwards (finding 8: NUL or a lone surrogate
 * in free text was a 500; finding 1: a balance past what the read models hold stopped them).
 */
let backend: TestBackend;
let server: TestServer;
let head: GlobalPosition = 0n;

/** Events appended after `head`; moves `head` past them. */
const newEvents = async (): Promise<number> => {
  const events = await backend.store.readAll({ fromPosition: head, maxCount: 1000 });
  for (const e of events) if (e.position > head) head = e.position;
  return events.length;
};

const ok = async (method: string, path: string, body?: unknown): Promise<void> => {
  const answer = await call(server, method, path, body);
  if (answer.status >= 300)
    throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
};

beforeAll(async () => {
  backend = await openTestBackend('pglite', 'hostile_input');
  server = await serveApp(backend, { rateLimitMax: 10_000_000 });
  await ok('POST', '/v1/warehouses', { id: 'W1', name: 'Main' });
  await ok('POST', '/v1/warehouses', { id: 'W2', name: 'Second' });
  await ok('POST', '/v1/products', { id: 'P1', name: 'Cloth', unit: 'm' });
  await ok('POST', '/v1/stock/receipts', { productId: 'P1', warehouseId: 'W1', quantity: '100' });
  await ok('POST', '/v1/accounts', { id: 'A1', name: 'Petty cash', type: 'asset' });
  await ok('POST', '/v1/accounts', { id: 'A2', name: 'Misc income', type: 'income' });
  await ok('POST', '/v1/customers', { id: 'C1', name: 'Ada' });
  await ok('POST', '/v1/orders', {
    id: 'O1',
    customerId: 'C1',
    branchId: 'B1',
    salespersonId: 'S1',
    warehouseId: 'W1',
    items: [{ productId: 'P1', quantity: '1', unitPrice: '5' }],
  });
  await newEvents();
});
afterAll(async () => {
  await server?.close();
  await backend?.close();
});

/** Every command route with a body that would pass (so one changed field is what gets refused). */
const routes: ReadonlyArray<{ readonly path: string; readonly body: Record<string, unknown> }> = [
  { path: '/v1/warehouses', body: { id: 'W9', name: 'New', branchId: 'B1' } },
  { path: '/v1/products', body: { id: 'P9', name: 'New', unit: 'pcs' } },
  {
    path: '/v1/stock/receipts',
    body: { productId: 'P1', warehouseId: 'W1', quantity: '1', reference: 'r' },
  },
  {
    path: '/v1/stock/issues',
    body: { productId: 'P1', warehouseId: 'W1', quantity: '1', reference: 'r' },
  },
  {
    path: '/v1/stock/transfers',
    body: { id: 'T9', productId: 'P1', fromWarehouseId: 'W1', toWarehouseId: 'W2', quantity: '1' },
  },
  {
    path: '/v1/stock/adjustments',
    body: { productId: 'P1', warehouseId: 'W1', countedQuantity: '90', reason: 'count' },
  },
  { path: '/v1/accounts', body: { id: 'A9', name: 'New', type: 'asset', parentId: 'A1' } },
  { path: '/v1/accounts/A9/rename', body: { name: 'Renamed' } },
  { path: '/v1/accounts/A9/move', body: { parentId: null } },
  { path: '/v1/accounts/A9/close', body: {} },
  {
    path: '/v1/journal-entries',
    body: {
      id: 'J9',
      date: '2026-01-31',
      description: 'd',
      lines: [
        { accountId: 'A1', debit: '10' },
        { accountId: 'A2', credit: '10' },
      ],
    },
  },
  { path: '/v1/journal-entries/J9/reverse', body: { date: '2026-02-01' } },
  { path: '/v1/customers', body: { id: 'C9', name: 'New', phone: '+1 555' } },
  { path: '/v1/customers/C1/payments', body: { id: 'PAY9', amount: '1' } },
  {
    path: '/v1/orders',
    body: {
      id: 'O9',
      customerId: 'C1',
      branchId: 'B1',
      salespersonId: 'S1',
      warehouseId: 'W1',
      items: [{ productId: 'P1', quantity: '1', unitPrice: '2.5' }],
    },
  },
  { path: '/v1/orders/O1/confirm', body: {} },
  { path: '/v1/orders/O1/deliver', body: {} },
  { path: '/v1/orders/O1/cancel', body: { reason: 'changed mind' } },
];

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDC00y',
    '\uDBFF\uDBFF',
    '',
    '   ',
    '9'.repeat(40),
    '-0',
    '1e308',
    'NaN',
    'Infinity',
    '0.0000001',
    '999999999999999999999.999',
    '999999999999.999',
    '-999999999999.999',
    '1.0',
    '0x10',
    'x'.repeat(5000),
  ),
);
const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, 2 ** 64, -0),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}) },
);

const request = fc.oneof(
  // A known body with some of its fields (nested ones included) replaced by hostile values.
  fc
    .tuple(
      fc.constantFrom(...routes),
      fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 3 }),
    )
    .map(([route, changes]) => {
      const body: Record<string, unknown> = structuredClone(route.body);
      for (const [pick, value] of changes) {
        const keys = [...Object.keys(body), 'extra', 'lines', 'items'];
        const key = keys[pick % keys.length] ?? 'extra';
        const current = body[key];
        if (Array.isArray(current) && typeof current[0] === 'object' && current[0] !== null) {
          const line = { ...(current[0] as Record<string, unknown>) };
          const lineKeys = Object.keys(line);
          line[lineKeys[pick % lineKeys.length] ?? 'x'] = value;
          body[key] = [line, ...(current.slice(1) as unknown[])];
        } else body[key] = value;
      }
      return { path: route.path, body: body };
    }),
  // Anything at all as the body.
  fc
    .tuple(fc.constantFrom(...routes), fc.jsonValue())
    .map(([route, body]) => ({ path: route.path, body })),
  // Hostile ids in the path.
  fc
    .tuple(
      fc.constantFrom(...routes.filter((r) => /\/(A9|J9|C1|O1)\//.test(r.path))),
      fc.constantFrom('%00', '%ZZ', 'a'.repeat(300), '%F0%9F', '..', '%ED%A0%80', 'nope'),
    )
    .map(([route, id]) => ({
      path: route.path.replace(/(A9|J9|C1|O1)/, id),
      body: route.body,
    })),
);

describe('hostile input over every command route', () => {
  it('never a 5xx; a refused command appends nothing; no projection fails', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ path, body }) => {
        const answer = await call(server, 'POST', path, JSON.stringify(body), {
          'content-type': 'application/json',
        });
        expect(answer.status, `${path} ${JSON.stringify(body)?.slice(0, 300)}`).toBeLessThan(500);
        const appended = await newEvents();
        if (answer.status >= 400) {
          expect(appended).toBe(0);
          expect(answer.body).toMatchObject({ error: { code: expect.any(String) as string } });
        }
      }),
      { numRuns: 250 },
    );
    const caughtUp = await call(server, 'GET', '/v1/stock', undefined, {
      'x-min-position': head.toString(),
    });
    expect(caughtUp.status).toBe(200);
    const projections = await call(server, 'GET', '/v1/projections');
    expect(projections.status).toBe(200);
    const body = projections.body as
      { items?: Array<{ status: string }> } | Array<{ status: string }>;
    const items = Array.isArray(body) ? body : (body.items ?? []);
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((p) => p.status === 'failed')).toEqual([]);
  });

  it('free text with NUL or a lone surrogate is 400 validation_failed naming its path', async () => {
    for (const [path, body, field] of [
      ['/v1/warehouses', { id: 'WN', name: 'a\u0000b' }, 'body.name'],
      ['/v1/products', { id: 'PN', name: 'x\uD800', unit: 'm' }, 'body.name'],
      ['/v1/customers', { id: 'CN', name: 'ok', phone: '555\u0000' }, 'body.phone'],
      [
        '/v1/stock/adjustments',
        { productId: 'P1', warehouseId: 'W1', countedQuantity: '1', reason: '\uDC00' },
        'body.reason',
      ],
      ['/v1/orders/O1/cancel', { reason: 'why\u0000' }, 'body.reason'],
    ] as const) {
      const answer = await call(server, 'POST', path, body);
      expect(answer.status, path).toBe(400);
      expect(answer.body).toMatchObject({
        error: { code: 'validation_failed', details: [{ path: field }] },
      });
    }
    expect(await newEvents()).toBe(0);
  });

  it('a receipt past the bound the read models hold is 422 limit_exceeded naming the field', async () => {
    // A balance a hair under the bound, as 1,000 receipts of 999999999999.999 would leave it.
    const nearly = Quantity.ofScaled(maxHeldQuantity - 500n);
    const at = { productId: 'P1', warehouseId: 'W2' };
    await backend.store.appendToStream(
      'stock-P1@W2',
      [
        {
          eventId: randomUUID(),
          type: 'StockAdjusted',
          data: {
            ...at,
            countedQuantity: Quantity.format(nearly),
            quantity: Quantity.format(nearly),
            reason: 'opening balance',
            balanceAfter: Quantity.format(nearly),
            reservedAfter: '0',
          },
          metadata: {
            actor: 'test',
            correlationId: randomUUID(),
            causationId: null,
            occurredAt: new Date().toISOString(),
            schemaVersion: 1,
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    await newEvents();
    const over = await call(server, 'POST', '/v1/stock/receipts', { ...at, quantity: '1' });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      error: {
        code: 'limit_exceeded',
        details: [{ field: 'onHand', limit: Quantity.format(maxHeldQuantity), ...at }],
      },
    });
    expect(await newEvents()).toBe(0);
    // Up to the bound itself is accepted, and the read model holds it.
    const upTo = await call(server, 'POST', '/v1/stock/receipts', { ...at, quantity: '0.5' });
    expect(upTo.status).toBe(200);
    const position = (upTo.body as { position: string }).position;
    const stock = await call(server, 'GET', '/v1/products/P1/stock', undefined, {
      'x-min-position': position,
    });
    expect(stock.status).toBe(200);
    expect(stock.body).toMatchObject({
      warehouses: expect.arrayContaining([
        expect.objectContaining({ warehouseId: 'W2', onHand: Quantity.format(maxHeldQuantity) }),
      ]) as unknown,
    });
  });
});
