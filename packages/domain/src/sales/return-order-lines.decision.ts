import * as E from 'fp-ts/lib/Either.js';
import {
  postOrderMovement,
  type OrderMovementOutcome,
  type OrderMovementStates,
} from './order-posting.js';
import { outgoingValue } from '../inventory/moving-average.js';
import { stockDecider } from '../inventory/stock.decider.js';
import { checkPeriodOpen, dayOf } from '../settings/period-lock.js';
import { defaultSettings } from '../settings/settings.decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import { matchRemaining } from '../shared/remaining-lines.js';
import type { ReturnOrderLines } from './order-fulfilment.commands.js';
import type { FulfilmentLine } from './order-fulfilment.events.js';
import { orderNotFound } from './order.decider.js';
import { orderStockReference, type StockWrite } from './order-stock.js';
import { returnJournalEntryId } from './sales-ids.js';

/** What a return reads (`journal` is `journal-<returnJournalEntryId>`) and writes. */
export type ReturnOrderLinesStates = OrderMovementStates;
export type ReturnOrderLinesOutcome = OrderMovementOutcome;

/**
 * Takes delivered goods back: per product at most what was delivered and not yet returned
 * (`exceeds_remaining`). The goods re-enter stock at the cost they left at (their share of the
 * delivered cost, the last return taking the exact remainder), revenue is reversed by their share
 * of the delivered amount, the customer's debt falls by it, and the entry posts Dr revenue /
 * Cr receivable and Dr inventory / Cr COGS.
 */
export const returnOrderLines = (
  command: ReturnOrderLines,
  states: ReturnOrderLinesStates,
): E.Either<DomainError, ReturnOrderLinesOutcome> => {
  const { order } = states;
  if (order.status === 'absent') return E.left(orderNotFound(command.id));
  const shipped = order.fulfilment;
  if (shipped === undefined)
    return E.left(
      domainError(
        'invalid_transition',
        `order ${order.id} is ${order.status}: nothing was delivered to return`,
        [{ status: order.status }],
      ),
    );
  if (shipped.returnIds.includes(command.returnId))
    return E.left(
      domainError('already_exists', `return ${command.returnId} was already recorded`, [
        { returnId: command.returnId },
      ]),
    );
  const settings = states.settings ?? defaultSettings;
  const date = dayOf(command.at);
  const open = checkPeriodOpen(settings, date);
  if (E.isLeft(open)) return open;
  const matched = matchRemaining(
    command.lines,
    shipped.products,
    (p) => Quantity.subtract(p.delivered, p.returned),
    `order ${order.id} as delivered and not returned`,
  );
  if (E.isLeft(matched)) return matched;
  const reference = orderStockReference(order.id);
  const stock: StockWrite[] = [];
  const lines: FulfilmentLine[] = [];
  for (const { line: p, quantity } of matched.right) {
    const left = Quantity.subtract(p.delivered, p.returned);
    const cost = outgoingValue(Money.subtract(p.deliveredCost, p.returnedCost), left, quantity);
    const amount = outgoingValue(
      Money.subtract(p.deliveredAmount, p.returnedAmount),
      left,
      quantity,
    );
    const at = { productId: p.productId, warehouseId: order.warehouseId };
    const received = stockDecider.decide(
      { type: 'ReceiveStock', ...at, quantity, reference, value: cost },
      states.stock.get(p.productId) ?? stockDecider.initialState,
    );
    if (E.isLeft(received)) return received;
    stock.push({ ...at, events: received.right });
    lines.push({ productId: p.productId, quantity, amount, cost });
  }
  const amount = Money.sum(lines.map((l) => l.amount));
  const cost = Money.sum(lines.map((l) => l.cost));
  const posted = postOrderMovement(states, settings, {
    kind: 'return',
    entryId: returnJournalEntryId(order.id, command.returnId),
    date,
    description: `Return ${command.returnId} of order ${order.id}`,
    amount,
    cost,
    customer: {
      type: 'CreditCustomer',
      customerId: order.customerId,
      orderId: order.id,
      returnId: command.returnId,
      amount,
      at: command.at,
    },
  });
  if (E.isLeft(posted)) return posted;
  const { customer, chart, journal, journalEntryId } = posted.right;
  return E.right({
    order: [
      {
        type: 'OrderLinesReturned',
        data: {
          id: order.id,
          returnId: command.returnId,
          lines,
          amount,
          cost,
          journalEntryId,
          at: command.at,
        },
      },
    ],
    stock,
    customer,
    chart,
    journal,
  });
};
