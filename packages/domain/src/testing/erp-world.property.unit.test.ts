import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarDate } from '../accounting/account-values.js';
import { defaultPostingAccounts as acc } from '../settings/posting-accounts.js';
import type { Reference } from '../inventory/reference.js';
import type { PostedStockCommand } from '../inventory/stock-posting.commands.js';
import { asId, type ProductId, type WarehouseId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import { UnitCost } from '../shared/unit-cost.js';
import { ErpWorld } from './erp-world.js';

const product = fc.constantFrom('P1', 'P2').map((p) => asId<ProductId>(p));
const warehouse = fc.constantFrom('W1', 'W2');
const qty = fc.bigInt({ min: 1n, max: 9_000n }).map(Quantity.ofScaled);
const cost = fc.bigInt({ min: 0n, max: 30_000_000n }).map(UnitCost.ofScaled);
const cents = fc.bigInt({ min: 1n, max: 50_000n }).map(Money.ofCents);
const small = fc.integer({ min: 1, max: 3 }).map(String);
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);

type Op = (w: ErpWorld) => void;
// Operations read the world to ask for what can be done (at most what is available, remaining or
// returnable), so histories go deep; refusals still happen (ids reused, too much asked) and must
// leave the books unchanged.
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(small, warehouse, product, qty, cost, day)
      .map(([n, wh, p, q, c, d]) => (w: ErpWorld) => {
        w.order_purchase(
          `PO${n}`,
          'S1',
          wh,
          [{ productId: p, quantity: q, unitCost: c }],
          `${d}T00:00:00Z`,
        );
        w.receiveGoods(`PO${n}`, `R${d}`, d as CalendarDate, [{ productId: p, quantity: q }]);
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(small, day).map(([n, d]) => (w: ErpWorld) => {
      const po = w.purchaseOrder(`PO${n}`);
      const line = po.status === 'absent' ? undefined : po.lines[0];
      if (line !== undefined && line.received > line.billed)
        w.bill(`PO${n}`, `B${n}${d}`, d as CalendarDate, [
          { productId: line.productId, quantity: Quantity.subtract(line.received, line.billed) },
        ]);
    }),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(small, warehouse, product, qty, cents, day)
      .map(([n, wh, p, q, price, d]) => (w: ErpWorld) => {
        const stock = w.stock(p, wh);
        const available = Quantity.subtract(stock.onHand, stock.reserved);
        if (available > 0n)
          w.sell(
            `O${n}`,
            'C1',
            wh,
            [{ productId: p, quantity: Quantity.min(q, available), unitPrice: price }],
            `${d}T00:00:00Z`,
          );
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(small, day).map(
      ([n, d]) =>
        (w: ErpWorld) =>
          w.deliver(`O${n}`, `${d}T01:00:00Z`),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(small, qty, day).map(([n, q, d]) => (w: ErpWorld) => {
      const order = w.order(`O${n}`);
      if (order.status === 'absent') return;
      const line = order.items[0];
      const p = order.fulfilment?.products[0];
      const left = p === undefined ? line?.quantity : Quantity.subtract(p.ordered, p.delivered);
      if (line !== undefined && left !== undefined && left > 0n)
        w.deliverLines(
          `O${n}`,
          `D${d}`,
          [{ productId: line.productId, quantity: Quantity.min(q, left) }],
          `${d}T02:00:00Z`,
        );
    }),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(small, fc.bigInt({ min: 1n, max: 3n }), day)
      .map(([n, part, d]) => (w: ErpWorld) => {
        const order = w.order(`O${n}`);
        const p = order.status === 'absent' ? undefined : order.fulfilment?.products[0];
        if (p === undefined) return;
        const q = Quantity.ofScaled((Quantity.subtract(p.delivered, p.returned) * part) / 3n);
        if (q > 0n)
          w.returnLines(
            `O${n}`,
            `RT${d}`,
            [{ productId: p.productId, quantity: q }],
            `${d}T03:00:00Z`,
          );
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(small, day).map(
      ([n, d]) =>
        (w: ErpWorld) =>
          w.cancel(`O${n}`, `${d}T04:00:00Z`),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(product, warehouse, warehouse, qty, small)
      .map(([p, a, b, q, n]) => (w: ErpWorld) => {
        const s = w.stock(p, a);
        const available = Quantity.subtract(s.onHand, s.reserved);
        if (available > 0n) w.transfer(`T${n}${a}${b}${q}`, p, a, b, Quantity.min(q, available));
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(cents, day, small).map(
      ([a, d, n]) =>
        (w: ErpWorld) =>
          w.pay('C1', `PAY${n}${d}`, a, `${d}T05:00:00Z`),
    ),
  },
  {
    // A warehouse's own receipts (at a cost or the average), issues and counts, posted.
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('ReceiveStock', 'IssueStock', 'AdjustStock'),
        product,
        warehouse,
        qty,
        fc.option(cost, { nil: undefined }),
        day,
        small,
      )
      .map(([type, p, wh, q, c, d, n]) => (w: ErpWorld) => {
        const at = { productId: p, warehouseId: asId<WarehouseId>(wh) };
        const available = Quantity.subtract(w.stock(p, wh).onHand, w.stock(p, wh).reserved);
        const movement: PostedStockCommand =
          type === 'ReceiveStock'
            ? {
                type,
                ...at,
                quantity: q,
                reference: null,
                ...(c === undefined ? {} : { unitCost: c }),
              }
            : type === 'IssueStock'
              ? {
                  type,
                  ...at,
                  quantity: Quantity.min(q, available > 0n ? available : q),
                  reference: null,
                }
              : {
                  type,
                  ...at,
                  countedQuantity: Quantity.subtract(q, Quantity.ofScaled(1n)),
                  reason: 'count' as Reference,
                };
        w.postMovement(`M${n}${d}${type}`, d as CalendarDate, movement);
      }),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(cents, day, small).map(
      ([a, d, n]) =>
        (w: ErpWorld) =>
          w.paySupplier('S1', `SP${n}${d}`, a, d as CalendarDate),
    ),
  },
);

describe('the books over random histories of buying, selling, moving and paying', () => {
  it('always balance; stock value equals the inventory account; sub-ledgers equal their control accounts', () => {
    // Guards against a vacuous pass: some histories must reach costs, returns and transfers.
    const seen = { cogs: 0, returns: 0, transfers: 0, adjustments: 0 };
    fc.assert(
      fc.property(fc.array(op, { minLength: 20, maxLength: 40 }), (ops) => {
        const w = new ErpWorld();
        w.registerSupplier('S1');
        w.registerCustomer('C1');
        for (const run of ops) {
          run(w);
          const accounts = [...w.chart().accounts.values()];
          // Trial balance: Σ debits − credits over every account is zero.
          expect(Money.sum(accounts.map((a) => a.balance))).toBe(0n);
          // Assets = liabilities + equity + (income − expenses), signs as debits − credits.
          const by = (t: string) =>
            Money.sum(accounts.filter((a) => a.type === t).map((a) => a.balance));
          expect(by('asset')).toBe(
            -(by('liability') + by('equity') + by('income') + by('expense')),
          );
          expect(w.stockValue()).toBe(w.balance(acc.inventory));
          const c1 = w.customer('C1');
          expect(c1.status === 'active' ? c1.balance : 0n).toBe(w.balance(acc.receivable));
          const s1 = w.supplier('S1');
          expect(s1.status === 'active' ? Money.negate(s1.balance) : 0n).toBe(
            w.balance(acc.payable),
          );
        }
        if (w.balance(acc.cogs) !== 0n) seen.cogs++;
        const types = [...w.streams.values()].flat().map((e) => e.type);
        if (types.includes('OrderLinesReturned')) seen.returns++;
        if (types.includes('StockTransferredIn')) seen.transfers++;
        if (w.balance(acc.stockAdjustment) !== 0n) seen.adjustments++;
      }),
      { numRuns: 100 },
    );
    expect(seen.cogs).toBeGreaterThan(0);
    expect(seen.returns).toBeGreaterThan(0);
    expect(seen.transfers).toBeGreaterThan(0);
    expect(seen.adjustments).toBeGreaterThan(0);
  });
});
