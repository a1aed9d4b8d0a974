import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { checkCreditLimit } from './credit-limit.js';
import type { CustomerState } from './customer.decider.js';
import type { ConfirmOrder } from './order.commands.js';
import { orderDecider, orderNotFound, type OrderState } from './order.decider.js';
import type { OrderEvent } from './order.events.js';
import type { StockStates, StockWrite } from './order-stock.js';
import { decideOrderStockMoves } from './order-stock-moves.js';

/** What confirming reads: the order and the stock stream of each of its products at its warehouse. */
export interface ConfirmOrderStates {
  readonly order: OrderState;
  readonly stock: StockStates;
  /** The order's customer: when given, its credit limit is enforced. */
  readonly customer?: CustomerState;
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
  const credit = checkCreditLimit(states.customer, order.total);
  if (E.isLeft(credit)) return credit;
  const { writes: stock, refusals: shortages } = decideOrderStockMoves(
    'ReserveStock',
    command.id,
    order,
    states.stock,
  );
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
