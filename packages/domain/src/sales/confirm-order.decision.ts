import * as E from 'fp-ts/lib/Either.js';
import { stockDecider } from '../inventory/stock.decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { ConfirmOrder } from './order.commands.js';
import { orderDecider, orderNotFound, type OrderState } from './order.decider.js';
import type { OrderEvent } from './order.events.js';
import {
  orderStockReference,
  stockNeedsOf,
  type StockStates,
  type StockWrite,
} from './order-stock.js';

/** What confirming reads: the order and the stock stream of each of its products at its warehouse. */
export interface ConfirmOrderStates {
  readonly order: OrderState;
  readonly stock: StockStates;
}

/** What confirming writes, per stream, in one atomic append. */
export interface ConfirmOrderOutcome {
  readonly order: readonly OrderEvent[];
  readonly stock: readonly StockWrite[];
}

/**
 * Confirms a pending order: reserves every product's summed quantity at the order's warehouse,
 * or nothing. When any line is short the whole confirmation is refused with `insufficient_stock`
 * and `details` lists every short product, so a client sees all of them at once.
 */
export const confirmOrder = (
  command: ConfirmOrder,
  states: ConfirmOrderStates,
): E.Either<DomainError, ConfirmOrderOutcome> => {
  const { order } = states;
  if (order.status === 'absent') return E.left(orderNotFound(command.id));
  const orderEvents = orderDecider.decide(command, order);
  if (E.isLeft(orderEvents)) return orderEvents;
  const reference = orderStockReference(command.id);
  const stock: StockWrite[] = [];
  const shortages: DomainError[] = [];
  for (const need of stockNeedsOf(order)) {
    const decided = stockDecider.decide(
      { type: 'ReserveStock', ...need, reference },
      states.stock.get(need.productId) ?? stockDecider.initialState,
    );
    if (E.isLeft(decided)) shortages.push(decided.left);
    else stock.push({ ...need, events: decided.right });
  }
  const [first] = shortages;
  if (first !== undefined) {
    const message =
      shortages.length === 1
        ? first.message
        : `${shortages.length} products are short: ${shortages.map((s) => s.message).join('; ')}`;
    return E.left(
      domainError(
        'insufficient_stock',
        message,
        shortages.flatMap((s) => s.details ?? []),
      ),
    );
  }
  return E.right({ order: orderEvents.right, stock });
};
