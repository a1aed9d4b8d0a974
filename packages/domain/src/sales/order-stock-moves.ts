import * as E from 'fp-ts/lib/Either.js';
import { stockDecider } from '../inventory/stock.decider.js';
import type { DomainError } from '../shared/domain-error.js';
import type { PlacedOrder } from './order.decider.js';
import {
  orderStockReference,
  stockNeedsOf,
  type StockStates,
  type StockWrite,
} from './order-stock.js';

/** The stock commands an order's confirmation, delivery and cancellation send to each product. */
export type OrderStockMove = 'ReserveStock' | 'DeliverStock' | 'ReleaseStock';

/** Each product's decision: the writes of those that accept, and every refusal, in line order. */
export interface OrderStockMoves {
  readonly writes: readonly StockWrite[];
  readonly refusals: readonly DomainError[];
}

/**
 * Sends `move` for every product the order needs (its lines summed) to that product's stock
 * stream at the order's warehouse, referencing the order. Every product is decided, so a caller
 * can report all refusals at once; the decisions are pure, so deciding past a refusal costs nothing.
 */
export const decideOrderStockMoves = (
  move: OrderStockMove,
  orderId: string,
  order: Pick<PlacedOrder, 'items' | 'warehouseId'>,
  states: StockStates,
): OrderStockMoves => {
  const reference = orderStockReference(orderId);
  const writes: StockWrite[] = [];
  const refusals: DomainError[] = [];
  for (const need of stockNeedsOf(order)) {
    const decided = stockDecider.decide(
      { type: move, ...need, reference },
      states.get(need.productId) ?? stockDecider.initialState,
    );
    if (E.isLeft(decided)) refusals.push(decided.left);
    else writes.push({ ...need, events: decided.right });
  }
  return { writes, refusals };
};
