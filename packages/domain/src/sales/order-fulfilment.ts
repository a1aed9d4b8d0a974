import { Money } from '../shared/money.js';
import type { Id, ProductId } from '../shared/id.js';
import { Quantity } from '../shared/quantity.js';
import type { FulfilmentLine } from './order-fulfilment.events.js';
import type { OrderLine } from './order.events.js';

/** What happened to one product of an order after confirmation: shipped and returned, with money. */
export interface ProductFulfilment {
  readonly productId: ProductId;
  /** The order's lines for the product, summed. */
  readonly ordered: Quantity;
  readonly orderedAmount: Money;
  readonly delivered: Quantity;
  readonly deliveredAmount: Money;
  readonly deliveredCost: Money;
  readonly returned: Quantity;
  readonly returnedAmount: Money;
  readonly returnedCost: Money;
}

/** An order's fulfilment: per product, and the delivery and return ids used (each once). */
export interface OrderFulfilment {
  readonly products: readonly ProductFulfilment[];
  readonly deliveryIds: readonly Id[];
  readonly returnIds: readonly Id[];
}

/** Nothing shipped yet: the order's lines summed per product (first-appearance order). */
export const emptyFulfilment = (items: readonly OrderLine[]): OrderFulfilment => {
  const products = new Map<ProductId, ProductFulfilment>();
  for (const line of items) {
    const p = products.get(line.productId);
    products.set(line.productId, {
      productId: line.productId,
      ordered: Quantity.add(p?.ordered ?? Quantity.zero, line.quantity),
      orderedAmount: Money.add(p?.orderedAmount ?? Money.zero, line.lineTotal),
      delivered: Quantity.zero,
      deliveredAmount: Money.zero,
      deliveredCost: Money.zero,
      returned: Quantity.zero,
      returnedAmount: Money.zero,
      returnedCost: Money.zero,
    });
  }
  return { products: [...products.values()], deliveryIds: [], returnIds: [] };
};

/** Adds shipped (or returned) lines to the per-product figures. */
export const addFulfilment = (
  f: OrderFulfilment,
  lines: readonly FulfilmentLine[],
  kind: 'delivered' | 'returned',
): OrderFulfilment => ({
  ...f,
  products: f.products.map((p) => {
    const l = lines.find((x) => x.productId === p.productId);
    if (l === undefined) return p;
    return kind === 'delivered'
      ? {
          ...p,
          delivered: Quantity.add(p.delivered, l.quantity),
          deliveredAmount: Money.add(p.deliveredAmount, l.amount),
          deliveredCost: Money.add(p.deliveredCost, l.cost),
        }
      : {
          ...p,
          returned: Quantity.add(p.returned, l.quantity),
          returnedAmount: Money.add(p.returnedAmount, l.amount),
          returnedCost: Money.add(p.returnedCost, l.cost),
        };
  }),
});

/** Every product of a whole-order delivery, at its ordered quantity and amount, at zero cost. */
export const wholeOrderLines = (f: OrderFulfilment): readonly FulfilmentLine[] =>
  f.products.map((p) => ({
    productId: p.productId,
    quantity: p.ordered,
    amount: p.orderedAmount,
    cost: Money.zero,
  }));
