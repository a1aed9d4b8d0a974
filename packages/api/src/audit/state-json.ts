import {
  JournalLineC,
  Money,
  Quantity,
  OrderLineC,
  type ChartState,
  type CustomerState,
  type JournalState,
  type OrderState,
} from '@erpcore/domain';

/**
 * A decider's state as JSON, the way the API shows values everywhere: quantities and money as
 * decimal strings (never the scaled bigints inside), maps as objects keyed by id.
 */

/** A journal entry: its lines with decimal amounts. */
export const journalStateJson = (s: JournalState): unknown =>
  s.status === 'absent' ? s : { ...s, lines: s.lines.map((l) => JournalLineC.encode(l)) };

/** A customer: `balance` is what they owe. */
export const customerStateJson = (s: CustomerState): unknown =>
  s.status === 'absent'
    ? s
    : {
        ...s,
        balance: Money.format(s.balance),
        ...(s.creditLimit === undefined
          ? {}
          : { creditLimit: s.creditLimit === null ? null : Money.format(s.creditLimit) }),
      };

/** An order: status, lines and total. */
export const orderStateJson = (s: OrderState): unknown =>
  s.status === 'absent'
    ? s
    : {
        ...s,
        items: s.items.map((l) => OrderLineC.encode(l)),
        total: Money.format(s.total),
        ...(s.fulfilment === undefined
          ? {}
          : {
              fulfilment: {
                ...s.fulfilment,
                // Quantities and amounts as the API writes them: decimal strings, never bigints.
                products: s.fulfilment.products.map((p) => ({
                  productId: p.productId,
                  ordered: Quantity.format(p.ordered),
                  orderedAmount: Money.format(p.orderedAmount),
                  delivered: Quantity.format(p.delivered),
                  deliveredAmount: Money.format(p.deliveredAmount),
                  deliveredCost: Money.format(p.deliveredCost),
                  returned: Quantity.format(p.returned),
                  returnedAmount: Money.format(p.returnedAmount),
                  returnedCost: Money.format(p.returnedCost),
                })),
              },
            }),
      };

/** The chart of accounts: every account by id (ids in byte order, so the answer is stable). */
export const chartStateJson = (s: ChartState): unknown => {
  const accounts = [...s.accounts.values()].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return {
    accounts: Object.fromEntries(
      accounts.map((a) => [
        a.id,
        {
          ...a,
          balance: Money.format(a.balance),
          rolledUpBalance: Money.format(a.rolledUpBalance),
        },
      ]),
    ),
  };
};
