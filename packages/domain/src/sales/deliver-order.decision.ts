import * as E from 'fp-ts/lib/Either.js';
import type { CalendarDate, Description } from '../accounting/account-values.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { ChartState } from '../accounting/chart.state.js';
import type { JournalState } from '../accounting/journal.decider.js';
import type { JournalEvent } from '../accounting/journal.events.js';
import { decidePostEntry } from '../accounting/post-entry.decision.js';
import { systemAccounts } from '../accounting/system-accounts.js';
import type { DomainError } from '../shared/domain-error.js';
import type { CustomerEvent } from './customer.events.js';
import { customerDecider, type CustomerState } from './customer.decider.js';
import type { DeliverOrder } from './order.commands.js';
import { orderDecider, orderNotFound, type OrderState } from './order.decider.js';
import type { OrderEvent } from './order.events.js';
import type { StockStates, StockWrite } from './order-stock.js';
import { decideOrderStockMoves } from './order-stock-moves.js';

/** What delivering reads: the order, its stock streams, the customer, the chart and the delivery's journal entry stream. */
export interface DeliverOrderStates {
  readonly order: OrderState;
  readonly stock: StockStates;
  readonly customer: CustomerState;
  readonly chart: ChartState;
  /** The state of `journal-<deliveryJournalEntryId(order id)>`. */
  readonly journal: JournalState;
}

/** What delivering writes, per stream, in one atomic append. Empty customer/chart/journal parts for a zero total. */
export interface DeliverOrderOutcome {
  readonly order: readonly OrderEvent[];
  readonly stock: readonly StockWrite[];
  readonly customer: readonly CustomerEvent[];
  readonly chart: readonly ChartEvent[];
  readonly journal: readonly JournalEvent[];
}

/**
 * Delivers a confirmed order: ships the reserved stock (ledger kind `delivery`), posts the sale
 * (debit receivable, credit revenue, the order's total) on the day of delivery, and raises the
 * customer's balance by the total. Refuses anything but a confirmed order with `invalid_transition`.
 */
export const deliverOrder = (
  command: DeliverOrder,
  states: DeliverOrderStates,
): E.Either<DomainError, DeliverOrderOutcome> => {
  const { order } = states;
  if (order.status === 'absent') return E.left(orderNotFound(command.id));
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
  const delivered = orderEvents.right.find((e) => e.type === 'OrderDelivered');
  const entryId = delivered?.type === 'OrderDelivered' ? delivered.data.journalEntryId : null;
  if (entryId === null)
    return E.right({ order: orderEvents.right, stock, customer: [], chart: [], journal: [] });
  const customer = customerDecider.decide(
    {
      type: 'ChargeCustomer',
      customerId: order.customerId,
      orderId: order.id,
      amount: order.total,
      at: command.at,
    },
    states.customer,
  );
  if (E.isLeft(customer)) return customer;
  const entry = decidePostEntry(states.chart, states.journal, {
    type: 'PostJournalEntry',
    id: entryId,
    date: command.at.slice(0, 10) as CalendarDate,
    description: `Delivery of order ${order.id}` as Description,
    lines: [
      { accountId: systemAccounts.receivable, side: 'debit', amount: order.total },
      { accountId: systemAccounts.revenue, side: 'credit', amount: order.total },
    ],
  });
  if (E.isLeft(entry)) return entry;
  return E.right({
    order: orderEvents.right,
    stock,
    customer: customer.right,
    chart: entry.right.chart,
    journal: entry.right.journal,
  });
};
