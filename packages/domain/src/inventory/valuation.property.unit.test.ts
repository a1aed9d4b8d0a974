import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  asId,
  fold,
  Money,
  Quantity,
  UnitCost,
  type ProductId,
  type WarehouseId,
} from '../index.js';
import {
  stockDecider,
  stockEventC,
  stockStateOf,
  valueOf,
  type Reference,
  type StockCommand,
  type StockEvent,
} from './index.js';

const at = { productId: asId<ProductId>('P'), warehouseId: asId<WarehouseId>('W') };
const quantity = fc.bigInt({ min: 1n, max: 20_000n }).map((n) => Quantity.ofScaled(n));
const unitCost = fc.bigInt({ min: 0n, max: 50_000_000n }).map((n) => UnitCost.ofScaled(n));
const ref = 'O-1' as Reference;
const command: fc.Arbitrary<StockCommand> = fc.oneof(
  fc
    .tuple(quantity, unitCost)
    .map(
      ([q, c]) =>
        ({ type: 'ReceiveStock', ...at, quantity: q, reference: null, unitCost: c }) as const,
    ),
  quantity.map((q) => ({ type: 'ReceiveStock', ...at, quantity: q, reference: null }) as const),
  quantity.map((q) => ({ type: 'IssueStock', ...at, quantity: q, reference: null }) as const),
  fc.bigInt({ min: 0n, max: 30_000n }).map(
    (n) =>
      ({
        type: 'AdjustStock',
        ...at,
        countedQuantity: Quantity.ofScaled(n),
        reason: 'count' as Reference,
      }) as const,
  ),
  quantity.map((q) => ({ type: 'ReserveStock', ...at, quantity: q, reference: ref }) as const),
  quantity.map((q) => ({ type: 'DeliverStock', ...at, quantity: q, reference: ref }) as const),
);

const run = (commands: readonly StockCommand[]) => {
  let state = stockDecider.initialState;
  const events: StockEvent[] = [];
  for (const c of commands) {
    const result = stockDecider.decide(c, state);
    if (E.isLeft(result)) continue;
    for (const e of result.right) {
      state = stockDecider.evolve(state, e);
      events.push(e);
    }
  }
  return { state, events };
};

/** +1 for movements that bring value in, −1 for those that take it out, by the event alone. */
const direction = (e: StockEvent): bigint => {
  switch (e.type) {
    case 'StockReceived':
    case 'StockTransferredIn':
      return 1n;
    case 'StockAdjusted':
      return e.data.quantity >= 0n ? 1n : -1n;
    case 'StockReserved':
    case 'StockReleased':
      return 0n;
    default:
      return -1n;
  }
};

describe('moving-average valuation over random movements', () => {
  it('equals a replay: value conserved, out at the average within half a cent, empty is worth 0', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        // An independent replay of the moving average, from the commands the decider accepted.
        let value = 0n;
        let onHand = 0n;
        for (const e of run(commands).events) {
          const cost = e.data.cost ?? 0n;
          const d = direction(e);
          const q =
            e.type === 'StockAdjusted'
              ? e.data.quantity < 0n
                ? Quantity.negate(e.data.quantity)
                : e.data.quantity
              : e.data.quantity;
          if (d < 0n) {
            // |cost × onHand − value × q| ≤ onHand / 2: the exact average share, rounded half-even.
            const diff = cost * onHand - value * q;
            expect(2n * (diff < 0n ? -diff : diff) <= onHand).toBe(true);
            if (q === onHand) expect(cost).toBe(value);
          }
          value += d * cost;
          onHand = e.data.balanceAfter;
          expect(e.data.valueAfter ?? 0n).toBe(value);
          expect(value >= 0n).toBe(true);
          if (onHand === 0n) expect(value).toBe(0n);
          expect(e.data.unitCostAfter ?? 0n).toBe(
            UnitCost.average(Money.ofCents(value), Quantity.ofScaled(onHand)),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loads from the last event the value that folding the stream gives, and round-trips', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 40 }), (commands) => {
        const { state, events } = run(commands);
        const last = events.at(-1);
        expect(valueOf(fold(stockDecider, events))).toBe(valueOf(state));
        if (last !== undefined) expect(valueOf(stockStateOf(last))).toBe(valueOf(state));
        for (const e of events)
          expect(stockEventC.decode(JSON.parse(JSON.stringify(stockEventC.encode(e))))).toEqual(
            E.right(e),
          );
      }),
      { numRuns: 100 },
    );
  });

  it('values a receipt at quantity × unit cost and issues at the average (worked example)', () => {
    const receive = (q: string, c?: string): StockCommand => ({
      type: 'ReceiveStock',
      ...at,
      quantity: Quantity.parse(q) ?? Quantity.zero,
      reference: null,
      ...(c === undefined ? {} : { unitCost: UnitCost.parse(c) ?? UnitCost.zero }),
    });
    const { events } = run([
      receive('10', '2'), // 20.00
      receive('5', '3.5'), // +17.50 → 37.50 on 15: 2.5 each
      {
        type: 'IssueStock',
        ...at,
        quantity: Quantity.parse('4') ?? Quantity.zero,
        reference: null,
      },
      receive('3'), // no cost: at the average 2.5 → +7.50
    ]);
    expect(events.map((e) => [e.data.cost, e.data.valueAfter, e.data.unitCostAfter])).toEqual([
      [2000n, 2000n, 2_000_000n],
      [1750n, 3750n, 2_500_000n],
      [1000n, 2750n, 2_500_000n],
      [750n, 3500n, 2_500_000n],
    ]);
    // An unvalued stream writes no valuation fields at all: events read as before valuation.
    expect(Object.keys(run([receive('1')]).events[0]?.data ?? {})).not.toContain('valueAfter');
  });
});
