import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import {
  asId,
  chartDecider,
  customerDecider,
  decideTransfer,
  fold,
  maxHeldMoney,
  maxHeldQuantity,
  Money,
  moneyWithinLimit,
  placeOrder,
  Quantity,
  quantityWithinLimit,
  stockDecider,
  type AccountId,
  type AccountName,
  type ChartCommand,
  type ChartState,
  type CustomerId,
  type CustomerState,
  type DomainError,
  type JournalEntryId,
  type Name,
  type OrderId,
  type ProductId,
  type Reference,
  type StockCommand,
  type StockState,
  type WarehouseId,
} from './index.js';
import { product, warehouse } from './sales/sales.spec-helpers.js';

/**
 * Finding 1 of issue 10: 9,300 receipts of 999999999999.999 overflowed the 64-bit read models.
 * Every decision now refuses, with `limit_exceeded` naming the field, the command whose result
 * would leave ±maxHeld; these properties drive decisions right up to that bound.
 */

const refusedFor = (result: E.Either<DomainError, unknown>): string | undefined =>
  E.isLeft(result) ? result.left.code : undefined;
const fieldOf = (result: E.Either<DomainError, unknown>): unknown =>
  E.isLeft(result)
    ? (result.left.details?.[0] as { field?: string } | undefined)?.field
    : undefined;

// Values from tiny to the bound itself: most histories reach it within a few steps.
const nearBound = (max: bigint) =>
  fc.oneof(
    fc.bigInt({ min: 1n, max: 1000n }),
    fc.bigInt({ min: max / 3n, max }),
    fc.constant(max),
    fc.bigInt({ min: max - 1000n, max: max }),
  );

const at = { productId: asId<ProductId>('P'), warehouseId: asId<WarehouseId>('W') };

describe('the bound on what decisions produce', () => {
  it('9,300 receipts of 999999999999.999: the one that would pass the bound is refused', () => {
    const q = Quantity.parse('999999999999.999') as Quantity;
    let state: StockState = stockDecider.initialState;
    let accepted = 0;
    let refusal: E.Either<DomainError, unknown> | undefined;
    for (let i = 0; i < 9300 && refusal === undefined; i++) {
      const result = stockDecider.decide(
        { type: 'ReceiveStock', ...at, quantity: q, reference: null },
        state,
      );
      if (E.isLeft(result)) refusal = result;
      else {
        state = fold(stockDecider, result.right, state);
        accepted += 1;
      }
    }
    // 1,000 × (10^15 − 1) thousandths fit under 10^18; the 1,001st does not.
    expect(accepted).toBe(1000);
    expect(refusal && refusedFor(refusal)).toBe('limit_exceeded');
    expect(refusal && fieldOf(refusal)).toBe('onHand');
    expect(quantityWithinLimit(state.onHand)).toBe(true);
  });

  it('stock: on hand and reserved stay within the bound, and only a crossing is refused', () => {
    const q = nearBound(maxHeldQuantity).map(Quantity.ofScaled);
    const command: fc.Arbitrary<StockCommand> = fc.oneof(
      q.map((x) => ({ type: 'ReceiveStock', ...at, quantity: x, reference: null }) as const),
      q.map((x) => ({ type: 'IssueStock', ...at, quantity: x, reference: null }) as const),
      fc.bigInt({ min: 0n, max: maxHeldQuantity + 5n }).map(
        (n) =>
          ({
            type: 'AdjustStock',
            ...at,
            countedQuantity: Quantity.ofScaled(n),
            reason: 'count' as Reference,
          }) as const,
      ),
      q.map(
        (x) =>
          ({ type: 'ReserveStock', ...at, quantity: x, reference: 'O-1' as Reference }) as const,
      ),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), (commands) => {
        let state: StockState = stockDecider.initialState;
        for (const c of commands) {
          const result = stockDecider.decide(c, state);
          const wouldHold =
            c.type === 'ReceiveStock'
              ? state.onHand + c.quantity
              : c.type === 'AdjustStock'
                ? c.countedQuantity
                : state.onHand;
          if (!quantityWithinLimit(Quantity.ofScaled(wouldHold)))
            expect(refusedFor(result)).toBe('limit_exceeded');
          else expect(refusedFor(result)).not.toBe('limit_exceeded');
          if (E.isRight(result)) state = fold(stockDecider, result.right, state);
          expect(quantityWithinLimit(state.onHand)).toBe(true);
          expect(quantityWithinLimit(state.reserved)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a transfer into a full warehouse is refused', () => {
    const full: StockState = { onHand: maxHeldQuantity, reserved: Quantity.zero };
    const result = decideTransfer(
      {
        product: { status: 'active' },
        from: { status: 'active' },
        to: { status: 'active' },
        source: { onHand: Quantity.ofScaled(5n), reserved: Quantity.zero },
        destination: full,
        transfer: { status: 'absent' },
      },
      {
        type: 'TransferStock',
        transferId: asId('T1'),
        productId: at.productId,
        fromWarehouseId: asId<WarehouseId>('A'),
        toWarehouseId: asId<WarehouseId>('B'),
        quantity: Quantity.ofScaled(1n),
      },
    );
    expect(refusedFor(result)).toBe('limit_exceeded');
    expect(E.isLeft(result) && result.left.details).toEqual([
      {
        field: 'onHand',
        limit: Quantity.format(maxHeldQuantity),
        productId: 'P',
        warehouseId: 'B',
      },
    ]);
  });

  it('chart: every balance and rolled-up balance stays within the bound, moves included', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'].map((s) => asId<AccountId>(s));
    const idArb = fc.constantFrom(...ids);
    const opens: ChartCommand[] = ids.map((id, i) => ({
      type: 'OpenAccount',
      id,
      name: `N${i}` as AccountName,
      accountType: 'asset',
      parentId: i === 0 ? null : (ids[i - 1] ?? null),
    }));
    const command: fc.Arbitrary<ChartCommand> = fc.oneof(
      fc.tuple(idArb, idArb, nearBound(maxHeldMoney)).map(([from, to, cents]): ChartCommand => ({
        type: 'PostToAccounts',
        entryId: asId<JournalEntryId>('JE'),
        reversal: false,
        postings: [
          { accountId: from, amount: Money.ofCents(cents) },
          { accountId: to, amount: Money.ofCents(-cents) },
        ],
      })),
      fc
        .tuple(idArb, fc.option(idArb, { nil: null }))
        .map(([id, parentId]): ChartCommand => ({ type: 'MoveAccount', id, parentId })),
    );
    const allWithin = (state: ChartState): boolean =>
      ids.every((id) => {
        const a = state.accounts.get(id);
        return (
          a !== undefined && moneyWithinLimit(a.balance) && moneyWithinLimit(a.rolledUpBalance)
        );
      });
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25 }), (commands) => {
        let state = chartDecider.initialState;
        for (const c of opens) {
          const r = chartDecider.decide(c, state);
          if (E.isRight(r)) state = fold(chartDecider, r.right, state);
        }
        for (const c of commands) {
          const result = chartDecider.decide(c, state);
          if (E.isRight(result)) state = fold(chartDecider, result.right, state);
          else if (result.left.code === 'limit_exceeded') {
            // Refused only when applying it anyway would leave the range somewhere.
            const forced =
              c.type === 'PostToAccounts'
                ? fold(chartDecider, [{ type: 'AccountsPosted', data: { ...c } }], state)
                : c.type === 'MoveAccount'
                  ? fold(
                      chartDecider,
                      [
                        {
                          type: 'AccountMoved',
                          data: {
                            id: c.id,
                            parentId: c.parentId,
                            previousParentId: state.accounts.get(c.id)?.parentId ?? null,
                          },
                        },
                      ],
                      state,
                    )
                  : state;
            expect(allWithin(forced)).toBe(false);
          }
          expect(allWithin(state)).toBe(true);
        }
        // The rolled-up balance is still the sum over each subtree.
        for (const id of ids) {
          const own = (x: AccountId): bigint => state.accounts.get(x)?.balance ?? 0n;
          const subtree = ids.filter((x) => {
            for (
              let cur: AccountId | null = x;
              cur !== null;
              cur = state.accounts.get(cur)?.parentId ?? null
            )
              if (cur === id) return true;
            return false;
          });
          expect(state.accounts.get(id)?.rolledUpBalance).toBe(
            subtree.reduce((s, x) => s + own(x), 0n),
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  it('customer: charges and payments keep the balance within the bound', () => {
    const customerId = asId<CustomerId>('C');
    const amount = nearBound(maxHeldMoney).map(Money.ofCents);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), amount), { maxLength: 30 }), (steps) => {
        let state: CustomerState = {
          status: 'active',
          id: customerId,
          name: 'Ada' as Name,
          phone: null,
          balance: Money.zero,
        };
        for (const [charge, a] of steps) {
          const result = customerDecider.decide(
            charge
              ? {
                  type: 'ChargeCustomer',
                  customerId,
                  orderId: asId<OrderId>('O'),
                  amount: a,
                  at: 't',
                }
              : { type: 'RecordPayment', customerId, paymentId: asId('PAY'), amount: a, at: 't' },
            state,
          );
          const before = state.status === 'active' ? state.balance : Money.zero;
          const next = Money.ofCents(charge ? before + a : before - a);
          expect(refusedFor(result) === 'limit_exceeded').toBe(!moneyWithinLimit(next));
          if (E.isRight(result)) state = fold(customerDecider, result.right, state);
          expect(state.status === 'active' && moneyWithinLimit(state.balance)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('order: every line total and the total stay within the bound', () => {
    const line = fc.record({
      quantity: nearBound(maxHeldQuantity).map(Quantity.ofScaled),
      unitPrice: fc
        .oneof(fc.bigInt({ min: 0n, max: 100n }), nearBound(maxHeldMoney))
        .map(Money.ofCents),
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (items) => {
        const result = placeOrder(
          {
            type: 'PlaceOrder',
            id: asId<OrderId>('O'),
            customerId: asId<CustomerId>('C'),
            branchId: asId('B'),
            salespersonId: asId('S'),
            warehouseId: asId<WarehouseId>('W'),
            items: items.map((i) => ({ productId: asId<ProductId>('P'), ...i })),
            at: 't',
          },
          {
            order: { status: 'absent' },
            customer: {
              status: 'active',
              id: asId<CustomerId>('C'),
              name: 'Ada' as Name,
              phone: null,
              balance: Money.zero,
            },
            warehouse: warehouse('W'),
            products: new Map([['P', product('P')]]),
          },
        );
        const totals = items.map((i) => Money.times(i.quantity, i.unitPrice));
        const fits = [...totals, Money.sum(totals)].every(moneyWithinLimit);
        expect(refusedFor(result) === 'limit_exceeded').toBe(!fits);
        if (E.isRight(result))
          for (const e of result.right)
            if (e.type === 'OrderPlaced') expect(moneyWithinLimit(e.data.total)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
