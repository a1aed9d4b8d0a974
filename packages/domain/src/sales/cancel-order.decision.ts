import * as E from 'fp-ts/lib/Either.js';
import { stockDecider } from '../inventory/stock.decider.js';
import type { DomainError } from '../shared/domain-error.js';
import type { CancelOrder } from './order.commands.js';
import { orderDecider, type OrderState } from './order.decider.js';
import type { OrderEvent } from './order.events.js';
import {
  orderStockReference,
  stockNeedsOf,
  type StockStates,
  type StockWrite,
} from './order-stock.js';

/** What cancelling reads: the order and (when it was confirmed) its stock streams. */
export interface CancelOrderStates {
  readonly order: OrderState;
  readonly stock: StockStates;
}

/** What cancelling writes, per stream, in one atomic append. */
export interface CancelOrderOutcome {
  readonly order: readonly OrderEvent[];
  readonly stock: readonly StockWrite[];
}

/**
 * Cancels a pending or confirmed order. A confirmed order gives back exactly what its
 * confirmation reserved (the same summed quantities); a pending one reserved nothing and
 * releases nothing. Delivered or cancelled orders are refused with `invalid_transition`.
 */
export const cancelOrder = (
  command: CancelOrder,
  states: CancelOrderStates,
): E.Either<DomainError, CancelOrderOutcome> => {
  const orderEvents = orderDecider.decide(command, states.order);
  if (E.isLeft(orderEvents)) return orderEvents;
  if (states.order.status !== 'confirmed') return E.right({ order: orderEvents.right, stock: [] });
  const reference = orderStockReference(command.id);
  const stock: StockWrite[] = [];
  for (const need of stockNeedsOf(states.order)) {
    const decided = stockDecider.decide(
      { type: 'ReleaseStock', ...need, reference },
      states.stock.get(need.productId) ?? stockDecider.initialState,
    );
    // Cannot fail while the invariant holds (a confirmed order's reservation is still there); if it
    // ever does, refusing is safer than writing a half-cancellation.
    if (E.isLeft(decided)) return decided;
    stock.push({ ...need, events: decided.right });
  }
  return E.right({ order: orderEvents.right, stock });
};
