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
import type { DeliverOrderLines } from './order-fulfilment.commands.js';
import type { FulfilmentLine } from './order-fulfilment.events.js';
import { addFulfilment, emptyFulfilment } from './order-fulfilment.js';
import { orderNotFound } from './order.decider.js';
import type { OrderEvent } from './order.events.js';
import { orderStockReference, type StockWrite } from './order-stock.js';
import { partialDeliveryJournalEntryId } from './sales-ids.js';

/** What a delivery with lines reads (`journal` is `journal-<partialDeliveryJournalEntryId>`) and writes. */
export type DeliverOrderLinesStates = OrderMovementStates;
export type DeliverOrderLinesOutcome = OrderMovementOutcome;

/**
 * Delivers part of a confirmed order: per product at most what is not yet delivered
 * (`exceeds_remaining`), shipped from its reservation at the moving average; the revenue is the
 * product's ordered amount shared pro rata (the last delivery takes the exact remainder, so the
 * deliveries of an order always add up to its total); the customer is charged it and the entry
 * posts Dr receivable / Cr revenue and Dr COGS / Cr inventory. The delivery that ships the last
 * unit also appends `OrderDelivered`: the order is delivered when every line is.
 */
export const deliverOrderLines = (
  command: DeliverOrderLines,
  states: DeliverOrderLinesStates,
): E.Either<DomainError, DeliverOrderLinesOutcome> => {
  const { order } = states;
  if (order.status === 'absent') return E.left(orderNotFound(command.id));
  if (order.status !== 'confirmed')
    return E.left(
      domainError(
        'invalid_transition',
        `order ${order.id} is ${order.status}: it cannot be delivered`,
        [{ status: order.status }],
      ),
    );
  const before = order.fulfilment ?? emptyFulfilment(order.items);
  if (before.deliveryIds.includes(command.deliveryId))
    return E.left(
      domainError('already_exists', `delivery ${command.deliveryId} was already recorded`, [
        { deliveryId: command.deliveryId },
      ]),
    );
  const settings = states.settings ?? defaultSettings;
  const date = dayOf(command.at);
  const open = checkPeriodOpen(settings, date);
  if (E.isLeft(open)) return open;
  const matched = matchRemaining(
    command.lines,
    before.products,
    (p) => Quantity.subtract(p.ordered, p.delivered),
    `order ${order.id} as not yet delivered`,
  );
  if (E.isLeft(matched)) return matched;
  const reference = orderStockReference(order.id);
  const stock: StockWrite[] = [];
  const lines: FulfilmentLine[] = [];
  for (const { line: p, quantity } of matched.right) {
    const at = { productId: p.productId, warehouseId: order.warehouseId };
    const shipped = stockDecider.decide(
      { type: 'DeliverStock', ...at, quantity, reference },
      states.stock.get(p.productId) ?? stockDecider.initialState,
    );
    if (E.isLeft(shipped)) return shipped;
    stock.push({ ...at, events: shipped.right });
    lines.push({
      productId: p.productId,
      quantity,
      amount: outgoingValue(
        Money.subtract(p.orderedAmount, p.deliveredAmount),
        Quantity.subtract(p.ordered, p.delivered),
        quantity,
      ),
      cost: Money.sum(shipped.right.map((e) => e.data.cost ?? Money.zero)),
    });
  }
  const amount = Money.sum(lines.map((l) => l.amount));
  const cost = Money.sum(lines.map((l) => l.cost));
  const posted = postOrderMovement(states, settings, {
    kind: 'sale',
    entryId: partialDeliveryJournalEntryId(order.id, command.deliveryId),
    date,
    description: `Delivery ${command.deliveryId} of order ${order.id}`,
    amount,
    cost,
    customer: {
      type: 'ChargeCustomer',
      customerId: order.customerId,
      orderId: order.id,
      amount,
      at: command.at,
    },
  });
  if (E.isLeft(posted)) return posted;
  const { journalEntryId } = posted.right;
  const after = addFulfilment(before, lines, 'delivered');
  const complete = after.products.every((p) => p.delivered >= p.ordered);
  const events: OrderEvent[] = [
    {
      type: 'OrderLinesDelivered',
      data: {
        id: order.id,
        deliveryId: command.deliveryId,
        lines,
        amount,
        cost,
        journalEntryId,
        at: command.at,
      },
    },
  ];
  if (complete)
    events.push({
      type: 'OrderDelivered',
      data: { id: order.id, total: order.total, journalEntryId, at: command.at, lines: [] },
    });
  const { customer, chart, journal } = posted.right;
  return E.right({ order: events, stock, customer, chart, journal });
};
