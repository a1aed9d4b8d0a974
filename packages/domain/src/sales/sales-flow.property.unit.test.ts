import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { systemAccounts } from '../accounting/system-accounts.js';
import { asId, type ProductId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import { stockNeedsOf } from './order-stock.js';
import { SalesWorld } from './sales-world.spec-helpers.js';

const products = ['P1', 'P2', 'P3'];
const customers = ['C1', 'C2'];

type Step =
  | { readonly kind: 'receive'; readonly product: number; readonly quantity: bigint }
  | {
      readonly kind: 'place';
      readonly customer: number;
      readonly lines: ReadonlyArray<readonly [number, bigint, bigint]>;
    }
  | { readonly kind: 'confirm' | 'deliver' | 'cancel'; readonly order: number }
  | {
      readonly kind: 'pay';
      readonly customer: number;
      readonly payment: number;
      readonly cents: bigint;
    };

const transition = (kind: 'confirm' | 'deliver' | 'cancel') =>
  fc.record({ kind: fc.constant(kind), order: fc.nat(7) });

// Weighted so that histories often reach confirmed and delivered orders, with refusals mixed in.
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('receive' as const),
      product: fc.nat(2),
      quantity: fc.bigInt({ min: 1n, max: 30_000n }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      customer: fc.nat(1),
      lines: fc.array(
        fc.tuple(
          fc.nat(2),
          fc.bigInt({ min: 1n, max: 9_999n }),
          fc.bigInt({ min: 0n, max: 99_999n }),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    }),
  },
  { weight: 4, arbitrary: transition('confirm') },
  { weight: 4, arbitrary: transition('deliver') },
  { weight: 1, arbitrary: transition('cancel') },
  // Payment ids from a small range so reuse (refused) happens too.
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      customer: fc.nat(1),
      payment: fc.nat(7),
      cents: fc.bigInt({ min: 1n, max: 500_000n }),
    }),
  },
);

const run = (steps: readonly Step[]): SalesWorld => {
  const world = new SalesWorld(products, customers);
  // Some stock to start with, so confirmations succeed often enough; later receipts and large orders still make some fail.
  for (const p of products) world.receive(p, Quantity.ofScaled(25_000n));
  let placed = 0;
  for (const s of steps) {
    switch (s.kind) {
      case 'receive':
        world.receive(products[s.product] ?? 'P1', Quantity.ofScaled(s.quantity));
        break;
      case 'place':
        world.place(
          `O${placed++}`,
          customers[s.customer] ?? 'C1',
          s.lines.map(([p, q, price]) => ({
            productId: asId<ProductId>(products[p] ?? 'P1'),
            quantity: Quantity.ofScaled(q),
            unitPrice: Money.ofCents(price),
          })),
        );
        break;
      case 'pay':
        world.pay(customers[s.customer] ?? 'C1', `PAY-${s.payment}`, Money.ofCents(s.cents));
        break;
      default:
        world[s.kind](`O${s.order}`);
    }
  }
  return world;
};

describe('sales flow over random interleavings', () => {
  it('reserved = Σ confirmed needs, on hand = received − delivered, balance = delivered − paid, trial balance zero', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 60, size: 'max' }), (steps) => {
        const world = run(steps);
        const orders = world.orders();
        for (const productId of products) {
          const stock = world.stock(productId);
          const needOf = (status: string) =>
            orders
              .filter((o) => o.status === status)
              .flatMap((o) => stockNeedsOf(o))
              .filter((n) => n.productId === productId)
              .reduce((sum, n) => sum + n.quantity, 0n);
          const received = (world.streams.get(`stock-${productId}@W1`) ?? [])
            .flatMap((e) =>
              e.type === 'StockReceived' ? [(e.data as { quantity: bigint }).quantity] : [],
            )
            .reduce((a, b) => a + b, 0n);
          expect(stock.reserved).toBe(needOf('confirmed'));
          expect(stock.onHand).toBe(received - needOf('delivered'));
          expect(stock.reserved <= stock.onHand).toBe(true);
        }
        let owed = 0n;
        for (const customerId of customers) {
          const delivered = orders
            .filter((o) => o.customerId === customerId && o.status === 'delivered')
            .reduce((sum, o) => sum + o.total, 0n);
          const paid = (world.streams.get(`customer-${customerId}`) ?? [])
            .flatMap((e) =>
              e.type === 'PaymentRecorded' ? [(e.data as { amount: bigint }).amount] : [],
            )
            .reduce((a, b) => a + b, 0n);
          const state = world.customer(customerId);
          expect(state.status === 'active' ? state.balance : undefined).toBe(delivered - paid);
          owed += delivered - paid;
        }
        const chart = world.chart();
        const balances = [
          systemAccounts.cash,
          systemAccounts.receivable,
          systemAccounts.revenue,
        ].map((id): bigint => chart.accounts.get(id)?.balance ?? 0n);
        expect(balances.reduce((a, b) => a + b, 0n)).toBe(0n);
        expect(chart.accounts.get(systemAccounts.receivable)?.balance).toBe(owed);
      }),
      { numRuns: 150 },
    );
  });
});
