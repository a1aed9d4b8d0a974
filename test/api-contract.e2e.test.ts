import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, defaultConfig, type ApiKey } from '@erpcore/api';
import { call, openTestBackend, type Answer, type TestBackend } from './support/test-server.js';

/**
 * API.md's general rules (conventions and errors), each checked once over every kind of route it
 * applies to, on one app with keys configured. What other e2e files already pin (CORS, 429,
 * invalid_host, gzip, 413, the 503 of a far position) is not repeated here.
 */

const keys: readonly ApiKey[] = [
  { name: 'root', role: 'admin', key: 'admin-key-0123456789abcdef' },
  { name: 'op', role: 'operator', key: 'operator-key-0123456789abcdef' },
  { name: 'aud', role: 'auditor', key: 'auditor-key-0123456789abcdef' },
];
type Role = ApiKey['role'];
const as = (role: Role): Record<string, string> => ({
  authorization: `Bearer ${keys.find((k) => k.role === role)?.key ?? ''}`,
});

interface Outcome {
  readonly id: string;
  readonly revision: string;
  readonly position: string;
  readonly [extra: string]: unknown;
}
interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details: ReadonlyArray<{ readonly path?: string }>;
  };
}
interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Decimal strings compared as decimals ("12.50" equals "12.5"), exactly, at 3 places. */
const thousandths = (text: string): bigint => {
  const match = /^(-)?(\d+)(?:\.(\d{1,3}))?$/.exec(text);
  if (match === null) throw new Error(`not a decimal: ${text}`);
  const value = BigInt((match[2] ?? '0') + (match[3] ?? '').padEnd(3, '0'));
  return match[1] === '-' ? -value : value;
};

/** The envelope API.md prescribes, and nothing else: no stack, no Fastify fields. */
const expectEnvelope = (
  answer: Answer,
  status: number,
  code: string,
  label?: string,
): ErrorBody['error'] => {
  expect([answer.status, answer.body], label).toEqual([
    status,
    {
      error: {
        code,
        message: expect.any(String) as string,
        details: expect.any(Array) as unknown[],
      },
    },
  ]);
  const text = JSON.stringify(answer.body);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+|stack|statusCode|FST_/);
  return (answer.body as ErrorBody).error;
};
const pathsOf = (answer: Answer): string[] =>
  (answer.body as ErrorBody).error.details.map((d) => d.path ?? '');

const id64 = 'I'.repeat(64);
const id65 = 'I'.repeat(65);

let backend: TestBackend;
let url = '';
/** The app's clock: tests move it to give orders equal or distinct creation times. */
let clock = new Date('2024-05-01T09:00:00.000Z');
let last = '0';

const server = () => ({ url, app: undefined as never, close: async () => undefined });
/** A command as admin (or `headers`); remembers the position so later reads wait for it. */
const post = async (
  path: string,
  body: unknown,
  headers: Record<string, string> = as('admin'),
): Promise<Answer> => {
  const answer = await call(server(), 'POST', path, body, headers);
  const position = (answer.body as Partial<Outcome> | undefined)?.position;
  if (answer.status < 300 && position !== undefined && BigInt(position) > BigInt(last))
    last = position;
  return answer;
};
/** A query that reads every write made so far. */
const get = (path: string, headers: Record<string, string> = as('admin')): Promise<Answer> =>
  call(server(), 'GET', path, undefined, { 'x-min-position': last, ...headers });
const expectCommand = (answer: Answer, status: 200 | 201): Outcome => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const outcome = answer.body as Outcome;
  expect(outcome.id).toEqual(expect.any(String));
  // Positions and revisions are decimal strings (64-bit), never JSON numbers.
  expect(outcome.revision).toMatch(/^\d{1,20}$/);
  expect(outcome.position).toMatch(/^\d{1,20}$/);
  return outcome;
};

beforeAll(async () => {
  backend = await openTestBackend('pglite', 'api_contract');
  const app = await buildApp({
    store: backend.store,
    db: backend.db,
    client: backend.client,
    progress: backend.progress,
    config: {
      ...defaultConfig,
      logLevel: 'silent',
      apiKeys: keys,
      allowedHosts: ['127.0.0.1'],
    },
    now: () => clock,
    minPositionWaitMs: 200,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}`;
  const close = async () => {
    await app.close();
    await backend.close();
  };
  closeAll = close;

  for (const w of ['W1', 'W2'])
    expectCommand(await post('/v1/warehouses', { id: w, name: w }), 201);
  expectCommand(await post('/v1/products', { id: 'P1', name: 'Cloth', unit: 'm' }), 201);
  expectCommand(await post('/v1/customers', { id: 'C1', name: 'Ada' }), 201);
  for (const a of ['A1', 'A2'])
    expectCommand(await post('/v1/accounts', { id: a, name: a, type: 'asset' }), 201);
  expectCommand(
    await post('/v1/stock/receipts', { productId: 'P1', warehouseId: 'W1', quantity: '100' }),
    200,
  );
});
let closeAll: () => Promise<void> = async () => undefined;
afterAll(async () => {
  await closeAll();
});

let accounts = 0;
/** One create of each kind of client-chosen id, as `(id) => [path, body, status]`. */
const creates: ReadonlyArray<
  readonly [kind: string, make: (id: string) => readonly [string, unknown, 200 | 201]]
> = [
  ['warehouse', (id) => ['/v1/warehouses', { id, name: 'Store' }, 201]],
  ['product', (id) => ['/v1/products', { id, name: 'Thread', unit: 'pcs' }, 201]],
  // Names must differ among root siblings; ids are what is under test.
  [
    'account',
    (id) => ['/v1/accounts', { id, name: `Account ${++accounts}`, type: 'expense' }, 201],
  ],
  ['customer', (id) => ['/v1/customers', { id, name: 'Bob', phone: null }, 201]],
  [
    'order',
    (id) => [
      '/v1/orders',
      {
        id,
        customerId: 'C1',
        branchId: 'B1',
        salespersonId: 'S1',
        warehouseId: 'W1',
        items: [{ productId: 'P1', quantity: '1.5', unitPrice: '2.10' }],
      },
      201,
    ],
  ],
  [
    'transfer',
    (id) => [
      '/v1/stock/transfers',
      { id, productId: 'P1', fromWarehouseId: 'W1', toWarehouseId: 'W2', quantity: '0.001' },
      200,
    ],
  ],
  ['payment', (id) => ['/v1/customers/C1/payments', { id, amount: '0.01' }, 200]],
  [
    'journal entry',
    (id) => [
      '/v1/journal-entries',
      {
        id,
        date: '2024-05-01',
        description: 'contract',
        lines: [
          { accountId: 'A1', debit: '1.25' },
          { accountId: 'A2', credit: '1.25' },
        ],
      },
      201,
    ],
  ],
];

describe('client-chosen ids', () => {
  it.each(creates)(
    '%s: 64 characters of the alphabet pass; 65, empty or other characters are 400 naming body.id',
    async (kind, make) => {
      const prefix = kind.replace(/ /g, '_').slice(0, 3);
      const longest = `${prefix}.-_${id64}`.slice(0, 64);
      const [path, body, status] = make(longest);
      expectCommand(await post(path, body), status);
      for (const bad of [`${prefix}${id65}`.slice(0, 65), '', 'has space', 'é', 'a/b', 'a@b']) {
        const [badPath, badBody] = make(bad);
        const answer = await post(badPath, badBody);
        expectEnvelope(answer, 400, 'validation_failed');
        expect(pathsOf(answer)).toEqual(['body.id']);
      }
    },
  );

  it('refuses a malformed id in a path with 400 naming params.id', async () => {
    for (const [method, path] of [
      ['GET', `/v1/warehouses/${id65}`],
      ['GET', '/v1/products/a%20b'],
      ['GET', `/v1/accounts/${id65}`],
      ['GET', `/v1/customers/${id65}`],
      ['GET', `/v1/orders/${id65}`],
      ['POST', `/v1/orders/${id65}/confirm`],
      ['POST', `/v1/accounts/${id65}/close`],
      ['POST', `/v1/customers/${id65}/payments`],
      ['GET', `/v1/products/${'x'.repeat(300)}`],
      ['GET', '/v1/warehouses/%E0%A4%A'],
    ] as const) {
      const answer =
        method === 'GET' ? await get(path) : await post(path, { id: 'PAY-x', amount: '1' });
      expectEnvelope(answer, 400, 'validation_failed', path);
      expect(pathsOf(answer)[0], path).toMatch(/^params/);
    }
    // The longest stream id (`stock-<64>@<64>`, 135 characters) still reaches its route.
    const longest = `stock-${id64}@${id64}`;
    expectEnvelope(await get(`/v1/streams/${longest}/events`), 404, 'not_found');
  });

  it.each(creates)('%s: re-creating an existing id is 409 conflict', async (kind, make) => {
    const id = `dup-${kind.replace(/ /g, '-')}`;
    const [path, body, status] = make(id);
    expectCommand(await post(path, body), status);
    expectEnvelope(await post(path, body), 409, 'conflict');
  });

  it.each(creates)(
    '%s: an identical retry with the same Idempotency-Key answers the first response',
    async (kind, make) => {
      const id = `idem-${kind.replace(/ /g, '-')}`;
      const [path, body, status] = make(id);
      const key = { ...as('admin'), 'idempotency-key': `key-${id}` };
      const first = await post(path, body, key);
      expectCommand(first, status);
      const retry = await post(path, body, key);
      expect([retry.status, retry.body]).toEqual([first.status, first.body]);
      // Without the key the same body is a second create of a taken id.
      expectEnvelope(await post(path, body), 409, 'conflict');
    },
  );
});

describe('bodies', () => {
  it('refuse unknown fields at every depth, naming the path (README)', async () => {
    const [path, order] = creates.find(([k]) => k === 'order')?.[1]('UNK-1') ?? ['', {}];
    const typo = {
      ...(order as object),
      items: [{ productId: 'P1', quantity: '1', unitPrice: '1', discount: '0.5' }],
    };
    const answer = await post(path, typo);
    expectEnvelope(answer, 400, 'validation_failed');
    expect(pathsOf(answer)).toEqual(['body.items.0.discount']);
  });
});

describe('decimals', () => {
  it('refuses JSON numbers, negatives and more than 2 decimals for money, naming the path', async () => {
    const order = creates.find(([k]) => k === 'order')?.[1]('M-1')[1] as Record<string, unknown>;
    const line = { productId: 'P1', quantity: '1', unitPrice: '1' };
    const cases: ReadonlyArray<readonly [string, unknown, string]> = [
      ['/v1/customers/C1/payments', { id: 'PM-1', amount: 5 }, 'body.amount'],
      ['/v1/customers/C1/payments', { id: 'PM-1', amount: '-5' }, 'body.amount'],
      ['/v1/customers/C1/payments', { id: 'PM-1', amount: '0' }, 'body.amount'],
      ['/v1/customers/C1/payments', { id: 'PM-1', amount: '1.005' }, 'body.amount'],
      ['/v1/customers/C1/payments', { id: 'PM-1', amount: '1e2' }, 'body.amount'],
      ['/v1/orders', { ...order, items: [{ ...line, unitPrice: 1 }] }, 'body.items.0.unitPrice'],
      ['/v1/orders', { ...order, items: [{ ...line, unitPrice: '-1' }] }, 'body.items.0.unitPrice'],
      [
        '/v1/orders',
        { ...order, items: [{ ...line, unitPrice: '0.001' }] },
        'body.items.0.unitPrice',
      ],
      ['/v1/orders', { ...order, items: [{ ...line, quantity: '0' }] }, 'body.items.0.quantity'],
      ['/v1/orders', { ...order, items: [{ ...line, quantity: '-1' }] }, 'body.items.0.quantity'],
      [
        '/v1/orders',
        { ...order, items: [{ ...line, quantity: '0.0001' }] },
        'body.items.0.quantity',
      ],
      [
        '/v1/journal-entries',
        {
          id: 'JM-1',
          date: '2024-05-01',
          lines: [
            { accountId: 'A1', debit: 1 },
            { accountId: 'A2', credit: '1.001' },
          ],
        },
        'body.lines.0.debit',
      ],
      [
        '/v1/stock/adjustments',
        { productId: 'P1', warehouseId: 'W1', countedQuantity: 5, reason: 'count' },
        'body.countedQuantity',
      ],
      [
        '/v1/stock/adjustments',
        { productId: 'P1', warehouseId: 'W1', countedQuantity: '1.2345', reason: 'count' },
        'body.countedQuantity',
      ],
    ];
    for (const [path, body, failing] of cases) {
      const answer = await post(path, body);
      expectEnvelope(answer, 400, 'validation_failed');
      expect(pathsOf(answer), JSON.stringify(body)).toContain(failing);
    }
  });

  it('refuses a value the read models could not hold (README: 12 digits before the point)', async () => {
    expectCommand(await post('/v1/products', { id: 'BIG', name: 'Big', unit: 'kg' }), 201);
    const receipt = (quantity: string) =>
      post('/v1/stock/receipts', { productId: 'BIG', warehouseId: 'W1', quantity });
    const tooBig = await receipt('99999999999999999999');
    expectEnvelope(tooBig, 400, 'validation_failed');
    expect(pathsOf(tooBig)).toEqual(['body.quantity']);
    expectCommand(await receipt('999999999999.999'), 200);
    const payment = await post('/v1/customers/C1/payments', {
      id: 'PAY-BIG',
      amount: '1000000000000',
    });
    expect(pathsOf(payment)).toEqual(['body.amount']);
    const [path, order] = creates.find(([k]) => k === 'order')?.[1]('ORD-BIG') ?? ['', {}];
    const line = { productId: 'P1', quantity: '999999999999', unitPrice: '999999999999' };
    const huge = await post(path, { ...(order as object), items: [line] });
    expectEnvelope(huge, 400, 'validation_failed');
    expect(pathsOf(huge)).toEqual(['body.items']);
    // The accepted maximum reached the read model: its projection did not stop on it.
    const stock = await get('/v1/products/BIG/stock');
    expect(stock.status).toBe(200);
    expect((stock.body as { onHand: string }).onHand).toBe('999999999999.999');
  });

  it('accepts any decimal spelling and answers values equal as decimals', async () => {
    expectCommand(await post('/v1/products', { id: 'DEC', name: 'Decimals', unit: 'kg' }), 201);
    const received = expectCommand(
      await post('/v1/stock/receipts', { productId: 'DEC', warehouseId: 'W2', quantity: '12.500' }),
      200,
    );
    expect(thousandths(received['balance'] as string)).toBe(thousandths('12.5'));
    const stock = (await get('/v1/products/DEC/stock')).body as { onHand: string };
    expect(thousandths(stock.onHand)).toBe(thousandths('12.50'));
  });
});

describe('commands', () => {
  it('answer 200 or 201 with {id, revision, position} and their documented extras', async () => {
    const o = creates.find(([k]) => k === 'order')?.[1] ?? (() => ['', {}, 201] as const);
    const [orderPath, orderBody] = o('CMD-O1');
    const placed = expectCommand(await post(orderPath, orderBody), 201);
    expect(placed).toMatchObject({ id: 'CMD-O1', status: 'pending', total: '3.15' });
    expect(expectCommand(await post('/v1/orders/CMD-O1/confirm', {}), 200)).toMatchObject({
      id: 'CMD-O1',
      status: 'confirmed',
    });
    expect(expectCommand(await post('/v1/orders/CMD-O1/deliver', {}), 200)).toMatchObject({
      status: 'delivered',
    });
    expectCommand(await post(orderPath, { ...(orderBody as object), id: 'CMD-O2' }), 201);
    expectCommand(await post('/v1/orders/CMD-O2/cancel', { reason: 'changed mind' }), 200);
    for (const path of ['/v1/stock/receipts', '/v1/stock/issues'])
      expect(
        expectCommand(await post(path, { productId: 'P1', warehouseId: 'W1', quantity: '1' }), 200),
      ).toHaveProperty('balance');
    expect(
      expectCommand(
        await post('/v1/stock/adjustments', {
          productId: 'P1',
          warehouseId: 'W1',
          countedQuantity: '0',
          reason: 'count',
        }),
        200,
      ),
    ).toMatchObject({ balance: '0' });
    expectCommand(
      await post('/v1/stock/adjustments', {
        productId: 'P1',
        warehouseId: 'W1',
        countedQuantity: '50',
        reason: 'recount',
      }),
      200,
    );
    expectCommand(await post('/v1/accounts', { id: 'CMD-A', name: 'Cmd', type: 'equity' }), 201);
    expectCommand(await post('/v1/accounts/CMD-A/rename', { name: 'Command' }), 200);
    expectCommand(await post('/v1/accounts/CMD-A/move', { parentId: 'A1' }), 200);
    expectCommand(await post('/v1/accounts/CMD-A/close', {}), 200);
    const [entryPath, entryBody] = creates.find(([k]) => k === 'journal entry')?.[1]('CMD-J') ?? [
      '',
      {},
    ];
    expectCommand(await post(entryPath, entryBody), 201);
    expect(
      expectCommand(await post('/v1/journal-entries/CMD-J/reverse', { date: '2024-05-02' }), 200),
    ).toMatchObject({ id: 'CMD-J' });
  });

  it('answer 404 not_found for an unknown id in the path', async () => {
    for (const [path, body] of [
      ['/v1/orders/NOPE/confirm', {}],
      ['/v1/orders/NOPE/deliver', {}],
      ['/v1/orders/NOPE/cancel', {}],
      ['/v1/journal-entries/NOPE/reverse', { date: '2024-05-01' }],
      ['/v1/accounts/NOPE/rename', { name: 'x' }],
      ['/v1/accounts/NOPE/move', { parentId: null }],
      ['/v1/accounts/NOPE/close', {}],
      ['/v1/customers/NOPE/payments', { id: 'PAY-404', amount: '1' }],
    ] as const)
      expectEnvelope(await post(path, body), 404, 'not_found');
    for (const path of [
      '/v1/warehouses/NOPE',
      '/v1/products/NOPE',
      '/v1/products/NOPE/stock',
      '/v1/products/NOPE/ledger',
      '/v1/accounts/NOPE',
      '/v1/customers/NOPE',
      '/v1/orders/NOPE',
    ])
      expectEnvelope(await get(path), 404, 'not_found');
  });
});

describe('errors', () => {
  it('answer every status in the one envelope, details always an array', async () => {
    expectEnvelope(await post('/v1/warehouses', '{"id":'), 400, 'validation_failed');
    expectEnvelope(await post('/v1/warehouses', '[]'), 400, 'validation_failed');
    expectEnvelope(await post('/v1/warehouses', 'null'), 400, 'validation_failed');
    expectEnvelope(
      await call(server(), 'POST', '/v1/warehouses', undefined, {
        ...as('admin'),
        'content-type': 'application/json',
      }),
      400,
      'validation_failed',
    );
    expectEnvelope(await get('/v1/products', {}), 401, 'unauthorized');
    expectEnvelope(
      await post('/v1/warehouses', { id: 'X', name: 'x' }, as('auditor')),
      403,
      'forbidden',
    );
    expectEnvelope(await get('/v1/nothing'), 404, 'not_found');
    expectEnvelope(await call(server(), 'DELETE', '/v1/warehouses/W1'), 405, 'method_not_allowed');
    expectEnvelope(await post('/v1/warehouses', { id: 'W1', name: 'again' }), 409, 'conflict');
    expectEnvelope(
      await post('/v1/stock/issues', { productId: 'P1', warehouseId: 'W2', quantity: '99999' }),
      422,
      'insufficient_stock',
    );
    expectEnvelope(
      await call(server(), 'POST', '/v1/warehouses', 'id=x', {
        ...as('admin'),
        'content-type': 'application/x-www-form-urlencoded',
      }),
      415,
      'unsupported_media_type',
    );
    const started = Date.now();
    const lagging = await call(server(), 'GET', '/v1/products', undefined, {
      ...as('admin'),
      'x-min-position': '9223372036854775807',
    });
    expectEnvelope(lagging, 503, 'projection_lagging');
    // Bounded by the app's wait (200 ms here; 5 s by default), not by the position.
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('auth with ERP_API_KEYS', () => {
  it('refuses an unknown or malformed key with 401, lets the auditor read and audit, the operator command', async () => {
    for (const authorization of ['Bearer not-a-key-0123456789', 'Basic abc', 'Bearer'])
      expectEnvelope(await get('/v1/products', { authorization }), 401, 'unauthorized');
    for (const path of [
      '/v1/products',
      '/v1/accounts',
      '/v1/orders',
      '/v1/audit/verify',
      '/v1/audit/state/order-CMD-O1',
      '/v1/streams/order-CMD-O1/events',
      '/v1/events?limit=1',
      '/v1/projections',
    ])
      expect((await get(path, as('auditor'))).status, path).toBe(200);
    expectEnvelope(await post('/v1/orders/CMD-O2/confirm', {}, as('auditor')), 403, 'forbidden');
    expectCommand(
      await post('/v1/warehouses', { id: 'OPW', name: 'by operator' }, as('operator')),
      201,
    );
    expect((await get('/v1/products', as('operator'))).status).toBe(200);
    expectEnvelope(await get('/v1/audit/verify', as('operator')), 403, 'forbidden');
  });
});

/** Every list route, with the filter it needs. */
const lists = [
  '/v1/warehouses',
  '/v1/products',
  '/v1/stock',
  '/v1/products/P1/ledger',
  '/v1/accounts',
  '/v1/orders',
  '/v1/events',
  '/v1/streams/product-P1/events',
];
const withQuery = (path: string, query: string) =>
  `${path}${path.includes('?') ? '&' : '?'}${query}`;

describe('lists', () => {
  it('answer {items, nextCursor} and refuse limit 0, 501, abc and a garbage cursor with 400', async () => {
    for (const path of lists) {
      // Walked to the end, the last page says so with nextCursor null.
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Answer = await get(
          withQuery(
            path,
            `limit=500${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
          ),
        );
        expect(page.status, path).toBe(200);
        expect(Object.keys(page.body as object).sort()).toEqual(['items', 'nextCursor']);
        cursor = (page.body as Page<unknown>).nextCursor;
        pages++;
      } while (cursor !== null && pages < 20);
      expect(cursor, path).toBeNull();
      for (const limit of ['0', '501', 'abc', '-1', '1.5', '']) {
        const answer = await get(withQuery(path, `limit=${limit}`));
        expectEnvelope(answer, 400, 'validation_failed', `${path} limit=${limit}`);
        expect(pathsOf(answer), `${path} limit=${limit}`).toEqual(['query.limit']);
      }
      for (const cursor of [
        'garbage',
        'bm9wZQ',
        '%00',
        'a+b/c=',
        'x'.repeat(600),
        'WyJcdTAwMDAiXQ', // ["\u0000"]: well-formed, but no key holds a NUL
        'djE6OTk5OTk5OTk5OTk5OTk5OTk5OTk', // v1:99999999999999999999, past 64 bits
      ]) {
        const answer = await get(withQuery(path, `cursor=${cursor}`));
        expectEnvelope(answer, 400, 'validation_failed', `${path} cursor=${cursor}`);
        expect(pathsOf(answer), `${path} cursor=${cursor}`).toEqual(['query.cursor']);
      }
      expect((await get(withQuery(path, 'limit=500'))).status).toBe(200);
      expect((await get(withQuery(path, 'limit=1'))).status).toBe(200);
    }
  });

  it('default to 50 items and hand out an opaque cursor to the rest', async () => {
    for (let i = 0; i < 51; i++)
      expectCommand(
        await post('/v1/products', {
          id: `L-${String(i).padStart(2, '0')}`,
          name: 'l',
          unit: 'kg',
        }),
        201,
      );
    const first = (await get('/v1/products')).body as Page<{ id: string }>;
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).toEqual(expect.any(String));
    const all: string[] = first.items.map((p) => p.id);
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = (await get(`/v1/products?cursor=${encodeURIComponent(cursor)}`)).body as Page<{
        id: string;
      }>;
      all.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    }
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['L-00', 'L-50', 'P1']));
  });

  it('GET /v1/orders: newest first, equal creation times by id', async () => {
    const [path, body] = creates.find(([k]) => k === 'order')?.[1]('') ?? ['', {}];
    const place = async (id: string, at: string) => {
      clock = new Date(at);
      expectCommand(await post(path, { ...(body as object), id, branchId: 'ORD' }), 201);
    };
    await place('ORD-b', '2030-01-01T00:00:01.000Z');
    await place('ORD-a', '2030-01-01T00:00:01.000Z');
    await place('ORD-c', '2030-01-01T00:00:01.000Z');
    await place('ORD-z', '2030-01-01T00:00:00.000Z');
    await place('ORD-new', '2030-01-01T00:00:02.000Z');
    const ids = async (limit: number) => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const page = (
          await get(
            `/v1/orders?branchId=ORD&limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
          )
        ).body as Page<{ id: string }>;
        out.push(...page.items.map((o) => o.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      return out;
    };
    // README: ties by id, descending (the order keyset pages walk).
    const expected = ['ORD-new', 'ORD-c', 'ORD-b', 'ORD-a', 'ORD-z'];
    expect(await ids(50)).toEqual(expected);
    expect(await ids(2)).toEqual(expected);
    clock = new Date('2024-05-01T09:00:00.000Z');
  });

  it('GET /v1/accounts: pre-order with siblings in byte order of names; ?under=X starts with X', async () => {
    for (const [id, name, parentId] of [
      ['T', 'Tree', null],
      ['T-b', 'b', 'T'],
      ['T-B', 'B', 'T'],
      ['T-a', 'a', 'T'],
      ['T-a-x', 'x', 'T-a'],
      ['T-asp', 'a - z', 'T'],
      ['T-e', 'é', 'T'],
      ['T-Z', 'Z', 'T'],
    ] as const)
      expectCommand(await post('/v1/accounts', { id, name, type: 'asset', parentId }), 201);
    const page = (await get('/v1/accounts?under=T')).body as Page<{ id: string; path: string }>;
    expect(page.items.map((a) => a.id)).toEqual([
      'T',
      'T-B',
      'T-Z',
      'T-a',
      'T-a-x',
      'T-asp',
      'T-b',
      'T-e',
    ]);
    const sub = (await get('/v1/accounts?under=T-a')).body as Page<{ id: string }>;
    expect(sub.items.map((a) => a.id)).toEqual(['T-a', 'T-a-x']);
  });

  it('GET /v1/products/:id/ledger: oldest first, each row at the position its command answered', async () => {
    expectCommand(await post('/v1/products', { id: 'LED', name: 'Ledger', unit: 'pcs' }), 201);
    const answered: string[] = [];
    const commands: ReadonlyArray<readonly [string, unknown]> = [
      ['/v1/stock/receipts', { productId: 'LED', warehouseId: 'W1', quantity: '10' }],
      ['/v1/stock/issues', { productId: 'LED', warehouseId: 'W1', quantity: '2.5' }],
      [
        '/v1/stock/adjustments',
        { productId: 'LED', warehouseId: 'W1', countedQuantity: '7', reason: 'count' },
      ],
      ['/v1/stock/receipts', { productId: 'LED', warehouseId: 'W2', quantity: '1' }],
    ];
    for (const [path, body] of commands)
      answered.push(expectCommand(await post(path, body), 200).position);
    const ledger = (await get('/v1/products/LED/ledger')).body as Page<{
      position: string;
      kind: string;
      quantity: string;
    }>;
    expect(ledger.items.map((r) => r.position)).toEqual(answered);
    expect(ledger.items.map((r) => [r.kind, thousandths(r.quantity)])).toEqual([
      ['receipt', 10_000n],
      ['issue', -2_500n],
      ['adjustment', -500n],
      ['receipt', 1_000n],
    ]);
    // A transfer writes two rows in one append: each carries its own event's position, and the
    // answer (the append's last event) covers both (README).
    const moved = expectCommand(
      await post('/v1/stock/transfers', {
        id: 'LED-T',
        productId: 'LED',
        fromWarehouseId: 'W1',
        toWarehouseId: 'W2',
        quantity: '1',
      }),
      200,
    );
    const rows = ((await get('/v1/products/LED/ledger')).body as Page<{ position: string }>).items;
    const [out, into] = rows.slice(-2).map((r) => BigInt(r.position));
    expect(out).toBeGreaterThan(BigInt(answered[answered.length - 1] ?? '0'));
    expect(into).toBeGreaterThan(out ?? 0n);
    expect(into).toBeLessThanOrEqual(BigInt(moved.position));
  });
});

describe('X-Min-Position', () => {
  it('refuses a malformed position with 400 naming the header, on every query', async () => {
    for (const value of ['abc', '-1', '1.5', '18446744073709551616', ' ', '0x10'])
      for (const path of ['/v1/warehouses', '/v1/orders/NOPE', '/v1/accounts']) {
        const answer = await call(server(), 'GET', path, undefined, {
          ...as('admin'),
          'x-min-position': value,
        });
        expectEnvelope(answer, 400, 'validation_failed');
        expect(pathsOf(answer)).toEqual(['headers.x-min-position']);
      }
  });
});

describe('compression, health', () => {
  it('brotli for a body over 1 KiB when accepted, nothing below', async () => {
    const big = await fetch(`${url}/v1/products?limit=60`, {
      headers: { ...as('admin'), 'accept-encoding': 'br' },
    });
    expect(big.headers.get('content-encoding')).toBe('br');
    // fetch decodes br itself; the raw bytes are checked below through node:http.
    expect(((await big.json()) as Page<unknown>).items.length).toBeGreaterThan(50);
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>(
      (resolve, reject) => {
        const req = request(
          `${url}/v1/products?limit=60`,
          { headers: { ...as('admin'), 'accept-encoding': 'gzip, br' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    const decoded = raw.encoding === 'br' ? brotliDecompressSync(raw.body) : gunzipSync(raw.body);
    expect(['br', 'gzip']).toContain(raw.encoding);
    expect((JSON.parse(decoded.toString('utf8')) as Page<unknown>).items.length).toBeGreaterThan(
      50,
    );
    const small = await fetch(`${url}/v1/warehouses/W1`, {
      headers: { ...as('admin'), 'accept-encoding': 'br' },
    });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('/health/live and /health/ready answer 200 without a key', async () => {
    expect((await call(server(), 'GET', '/health/live')).status).toBe(200);
    expect((await call(server(), 'GET', '/health/ready')).status).toBe(200);
  });
});

// Last: it breaks a read model on purpose.
describe('an internal error', () => {
  it('is 500 internal_error in the envelope, with no stack trace', async () => {
    await backend.client.query('alter table warehouses rename to warehouses_away');
    try {
      const answer = await get('/v1/warehouses/W1');
      const error = expectEnvelope(answer, 500, 'internal_error');
      expect(error.details).toEqual([]);
      expect(error.message).not.toMatch(/warehouses|relation|sql/i);
    } finally {
      await backend.client.query('alter table warehouses_away rename to warehouses');
    }
  });
});
