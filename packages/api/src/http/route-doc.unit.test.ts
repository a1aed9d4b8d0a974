import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import { isRight } from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountIdC, Money, Quantity, type AccountId } from '@erpcore/domain';
import type { AccountView, ProductStock } from '@erpcore/projections';
import { accountJson } from '../accounting/account-json.js';
import { productStockJson } from '../inventory/stock-json.js';
import { accountSchema } from '../openapi/accounting-schemas.js';
import { productStockSchema } from '../openapi/inventory-schemas.js';
import { doc, openApiKey } from './route-doc.js';

// What JSON must escape (quotes, backslashes, control characters, lone surrogates, non-ASCII).
const text = fc.string({ unit: 'binary', maxLength: 50 });
const quantity = fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }).map(Quantity.ofScaled);
const money = fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map(Money.ofCents);
const accountId = fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/).map((s): AccountId => {
  const decoded = AccountIdC.decode(s);
  if (!isRight(decoded)) throw new Error(`not an account id: ${s}`);
  return decoded.right;
});

const level = fc.record({ onHand: quantity, reserved: quantity, available: quantity });
const stock: fc.Arbitrary<ProductStock> = fc
  .tuple(text, level, fc.array(fc.tuple(text, level), { maxLength: 25 }))
  .map(([productId, totals, warehouses]) => ({
    productId,
    ...totals,
    warehouses: warehouses.map(([warehouseId, l]) => ({ warehouseId, ...l })),
  }));
const account: fc.Arbitrary<AccountView> = fc.record({
  id: accountId,
  name: text,
  type: fc.constantFrom('asset', 'liability', 'equity', 'income', 'expense'),
  parentId: fc.option(accountId, { nil: null }),
  path: text,
  depth: fc.nat({ max: 50 }),
  balance: money,
  rolledUpBalance: money,
  closed: fc.boolean(),
});

describe('doc() with serializeFromSchema', () => {
  let app: FastifyInstance;
  let answer: unknown;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    const opts = { serializeFromSchema: true } as const;
    app.get(
      '/stock',
      { schema: doc('t', 's', { responses: { 200: productStockSchema }, ...opts }) },
      async () => answer,
    );
    app.get(
      '/account',
      { schema: doc('t', 's', { responses: { 200: accountSchema }, ...opts }) },
      async () => answer,
    );
    await app.ready();
  });
  afterAll(async () => app.close());

  const sameAsJsonStringify = async (url: string, value: unknown): Promise<void> => {
    answer = value;
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body).toBe(JSON.stringify(value));
  };

  it('answers the bytes JSON.stringify would, for every product stock and account', async () => {
    await fc.assert(
      fc.asyncProperty(stock, async (s) => sameAsJsonStringify('/stock', productStockJson(s))),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(account, async (a) => sameAsJsonStringify('/account', accountJson(a))),
      { numRuns: 200 },
    );
  });

  it('serializes from the schema: a key the schema lacks is not sent', async () => {
    answer = { ...accountJson(fc.sample(account, 1)[0] as AccountView), extra: 1 };
    const response = await app.inject({ method: 'GET', url: '/account' });
    expect(JSON.parse(response.body)).not.toHaveProperty('extra');
  });

  it('leaves the document as it was', () => {
    const options = { responses: { 200: productStockSchema }, errors: ['not_found'] };
    const plain = doc('t', 's', options) as Record<string, unknown>;
    const serialized = doc('t', 's', { ...options, serializeFromSchema: true }) as Record<
      string,
      unknown
    >;
    expect(serialized[openApiKey]).toEqual(plain[openApiKey]);
    expect(plain['response']).toBeUndefined();
  });
});
