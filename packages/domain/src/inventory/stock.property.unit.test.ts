import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { asId, fold, Quantity, type ProductId, type WarehouseId } from '../index.js';
import {
  availableOf,
  stockDecider,
  stockEventC,
  stockStateOf,
  type Reference,
  type StockCommand,
  type StockEvent,
} from './index.js';

const at = { productId: asId<ProductId>('P'), warehouseId: asId<WarehouseId>('W') };
const quantity = fc.bigInt({ min: 1n, max: 20_000n }).map((n) => Quantity.ofScaled(n));
const reference = fc.constantFrom('O-1', 'O-2').map((s) => s as Reference);
const command: fc.Arbitrary<StockCommand> = fc.oneof(
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
  fc
    .tuple(quantity, reference)
    .map(([q, r]) => ({ type: 'ReserveStock', ...at, quantity: q, reference: r }) as const),
  fc
    .tuple(quantity, reference)
    .map(([q, r]) => ({ type: 'ReleaseStock', ...at, quantity: q, reference: r }) as const),
  fc
    .tuple(quantity, reference)
    .map(([q, r]) => ({ type: 'DeliverStock', ...at, quantity: q, reference: r }) as const),
);

/** Runs commands through decide/evolve, keeping the events of those accepted. */
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

const signedChange = (e: StockEvent): bigint => {
  switch (e.type) {
    case 'StockReceived':
    case 'StockTransferredIn':
      return e.data.quantity;
    case 'StockIssued':
    case 'StockDelivered':
    case 'StockTransferredOut':
      return 0n - e.data.quantity;
    case 'StockAdjusted':
      return e.data.quantity;
    case 'StockReserved':
    case 'StockReleased':
      return 0n;
  }
};

describe('stock decider over random command sequences', () => {
  it('never lets on hand, reserved or available go negative, and keeps balances consistent', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const { events } = run(commands);
        let onHand = 0n;
        let reserved = 0n;
        for (const e of events) {
          onHand += signedChange(e);
          if (e.type === 'StockReserved') reserved += e.data.quantity;
          if (e.type === 'StockReleased' || e.type === 'StockDelivered')
            reserved -= e.data.quantity;
          expect(e.data.balanceAfter).toBe(onHand);
          expect(e.data.reservedAfter).toBe(reserved);
          expect(onHand >= 0n && reserved >= 0n && onHand - reserved >= 0n).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loads from the last event exactly what folding the whole stream gives', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 60 }), (commands) => {
        const { state, events } = run(commands);
        const last = events.at(-1);
        const folded = fold(stockDecider, events);
        expect(folded).toEqual(state);
        expect(last === undefined ? stockDecider.initialState : stockStateOf(last)).toEqual(folded);
        expect(availableOf(folded) >= 0n).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips every event through its stored form', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        for (const e of run(commands).events)
          expect(stockEventC.decode(JSON.parse(JSON.stringify(stockEventC.encode(e))))).toEqual(
            E.right(e),
          );
      }),
      { numRuns: 100 },
    );
  });
});
