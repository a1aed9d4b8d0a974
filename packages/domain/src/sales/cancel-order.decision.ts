import * as E from 'fp-ts/lib/Either.js';
import type { DomainError } from '../shared/domain-error.js';
import { Quantity } from '../shared/quantity.js';
import type { CancelOrder } from './order.commands.js';
import { orderDecider, type OrderState } from './order.decider.js';
import type { OrderEvent } from './order.events.js';
import type { StockStates, StockWrite } from './order-stock.js';
import { decideOrderStockMoves } from './order-stock-moves.js';

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
  // After partial deliveries only what is still reserved (ordered − delivered) goes back: the
  // products' summed figures stand in for the lines (the stock moves sum lines per product anyway).
  const order = states.order;
  const remaining =
    order.fulfilment === undefined
      ? order
      : {
          warehouseId: order.warehouseId,
          items: order.fulfilment.products.flatMap((p) => {
            const line = order.items.find((l) => l.productId === p.productId);
            const left = Quantity.subtract(p.ordered, p.delivered);
            return line === undefined || left <= 0n ? [] : [{ ...line, quantity: left }];
          }),
        };
  const { writes: stock, refusals } = decideOrderStockMoves(
    'ReleaseStock',
    command.id,
    remaining,
    states.stock,
  );
  // Cannot fail while the invariant holds (a confirmed order's reservation is still there); if it
  // ever does, refusing is safer than writing a half-cancellation.
  const [refused] = refusals;
  if (refused !== undefined) return E.left(refused);
  return E.right({ order: orderEvents.right, stock });
};
