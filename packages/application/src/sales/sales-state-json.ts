import { Money, OrderLineC, Quantity, type CustomerState, type OrderState } from '@erpcore/domain';

/**
 * A decider's state as JSON, the way the API shows values everywhere: quantities and money as
 * decimal strings (never the scaled bigints inside), maps as objects keyed by id. The audit's
 * replay shows states through these.
 */

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
