import * as E from 'fp-ts/lib/Either.js';
import {
  postOrderMovement,
  type OrderMovementOutcome,
  type OrderMovementStates,
} from './order-posting.js';
import { checkPeriodOpen, dayOf } from '../settings/period-lock.js';
import { defaultSettings } from '../settings/settings.decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { emptyFulfilment, wholeOrderLines } from './order-fulfilment.js';
import { deliveryJournalEntryId } from './sales-ids.js';
import type { DeliverOrder } from './order.commands.js';
import { orderDecider, orderNotFound } from './order.decider.js';
import { decideOrderStockMoves } from './order-stock-moves.js';

/** What delivering reads (`journal` is `journal-<deliveryJournalEntryId(order id)>`) and writes. */
export type DeliverOrderStates = OrderMovementStates;
export type DeliverOrderOutcome = OrderMovementOutcome;

/**
 * Delivers a confirmed order: ships the reserved stock (ledger kind `delivery`) at the moving
 * average, posts the sale (debit receivable, credit revenue, the order's total) and its cost
 * (debit COGS, credit inventory, the value that left stock; no lines when it is zero) on the day
 * of delivery (`period_locked` on a closed day), and raises the customer's balance by the total. Refuses anything but a confirmed order with `invalid_transition`.
 */
export const deliverOrder = (
  command: DeliverOrder,
  states: DeliverOrderStates,
): E.Either<DomainError, DeliverOrderOutcome> => {
  const { order } = states;
  if (order.status === 'absent') return E.left(orderNotFound(command.id));
  if (order.status === 'confirmed' && order.fulfilment !== undefined)
    return E.left(
      domainError(
        'invalid_transition',
        `order ${order.id} was delivered in part: deliver the remaining lines with a delivery`,
        [{ status: order.status }],
      ),
    );
  const orderEvents = orderDecider.decide(command, order);
  if (E.isLeft(orderEvents)) return orderEvents;
  const { writes: stock, refusals } = decideOrderStockMoves(
    'DeliverStock',
    command.id,
    order,
    states.stock,
  );
  const [refused] = refusals;
  if (refused !== undefined) return E.left(refused);
  // The stock left at the moving average: that value moves from inventory to COGS.
  const cost = Money.sum(stock.flatMap((w) => w.events.map((e) => e.data.cost ?? Money.zero)));
  const settings = states.settings ?? defaultSettings;
  const date = dayOf(command.at);
  const open = checkPeriodOpen(settings, date);
  if (E.isLeft(open)) return open;
  const delivered = orderEvents.right.find((e) => e.type === 'OrderDelivered');
  const decidedEntryId =
    delivered?.type === 'OrderDelivered' ? delivered.data.journalEntryId : null;
  // A free order (total 0) posts no sale, but goods that cost something still post their cost.
  const entryId = decidedEntryId ?? (cost > 0n ? deliveryJournalEntryId(order.id) : null);
  if (entryId === null)
    return E.right({ order: orderEvents.right, stock, customer: [], chart: [], journal: [] });
  // With a cost, the event records what each product shipped at, so a return can take it back at cost.
  const costs = new Map(
    stock.map((w) => [w.productId, Money.sum(w.events.map((e) => e.data.cost ?? Money.zero))]),
  );
  const lines = wholeOrderLines(emptyFulfilment(order.items)).map((l) => ({
    ...l,
    cost: costs.get(l.productId) ?? Money.zero,
  }));
  const orderOut = orderEvents.right.map((e) =>
    e.type === 'OrderDelivered'
      ? { ...e, data: { ...e.data, journalEntryId: entryId, ...(cost > 0n ? { lines } : {}) } }
      : e,
  );
  const posted = postOrderMovement(states, settings, {
    kind: 'sale',
    entryId,
    date,
    description: `Delivery of order ${order.id}`,
    amount: order.total,
    cost,
    customer: {
      type: 'ChargeCustomer',
      customerId: order.customerId,
      orderId: order.id,
      amount: order.total,
      at: command.at,
    },
  });
  if (E.isLeft(posted)) return posted;
  const { customer, chart, journal } = posted.right;
  return E.right({ order: orderOut, stock, customer, chart, journal });
};
