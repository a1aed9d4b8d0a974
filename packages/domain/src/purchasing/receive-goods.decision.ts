import * as E from 'fp-ts/lib/Either.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { JournalEvent } from '../accounting/journal.events.js';
import { stockDecider, type StockState } from '../inventory/stock.decider.js';
import { ReferenceC, type Reference } from '../inventory/reference.js';
import type { StockWrite } from '../sales/order-stock.js';
import { decideAutomaticEntry, type PostingStates } from '../settings/automatic-entry.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import { matchRemaining } from '../shared/remaining-lines.js';
import { UnitCost } from '../shared/unit-cost.js';
import type { ReceiveGoods } from './purchase-order.commands.js';
import { purchaseOrderNotFound, type PurchaseOrderState } from './purchase-order.decider.js';
import type { PurchaseOrderEvent, ReceivedLine } from './purchase-order.events.js';
import { goodsReceiptJournalEntryId } from './purchasing-ids.js';
import { checked } from '../shared/checked.js';

/** What a goods receipt reads. `stock` holds the state of each received product at the order's warehouse. */
export interface ReceiveGoodsStates extends PostingStates {
  readonly order: PurchaseOrderState;
  readonly stock: ReadonlyMap<string, StockState>;
}

/** What it writes, in one atomic append. */
export interface ReceiveGoodsOutcome {
  readonly order: readonly PurchaseOrderEvent[];
  readonly stock: readonly StockWrite[];
  readonly chart: readonly ChartEvent[];
  readonly journal: readonly JournalEvent[];
}

/** The reference a purchase order's stock receipts carry (its stream id). */
export const purchaseStockReference = (orderId: string): Reference =>
  checked(ReferenceC, `purchase-order-${orderId}`);

/**
 * Receives goods against an ordered (or partly received) purchase order: at most what is still
 * expected per line (`exceeds_remaining`), each line into stock at quantity × the order's unit
 * cost (half-even to the cent) so the moving average absorbs it, and the entry Dr inventory /
 * Cr GRNI for the receipt's value, dated `date` (`period_locked` before the lock date).
 */
export const receiveGoods = (
  command: ReceiveGoods,
  states: ReceiveGoodsStates,
): E.Either<DomainError, ReceiveGoodsOutcome> => {
  const { order } = states;
  if (order.status === 'absent') return E.left(purchaseOrderNotFound(command.orderId));
  if (order.status !== 'ordered' && order.status !== 'partially_received')
    return E.left(
      domainError(
        'invalid_transition',
        `purchase order ${order.id} is ${order.status}: goods cannot be received against it`,
        [{ status: order.status }],
      ),
    );
  if (order.receiptIds.includes(command.receiptId))
    return E.left(
      domainError('already_exists', `receipt ${command.receiptId} was already recorded`, [
        { receiptId: command.receiptId },
      ]),
    );
  const matched = matchRemaining(
    command.lines,
    order.lines,
    (l) => Quantity.subtract(l.quantity, l.received),
    `purchase order ${order.id}`,
  );
  if (E.isLeft(matched)) return matched;
  const reference = purchaseStockReference(order.id);
  const received: ReceivedLine[] = [];
  const stock: StockWrite[] = [];
  for (const { line, quantity } of matched.right) {
    const value = UnitCost.valueOf(quantity, line.unitCost);
    const at = { productId: line.productId, warehouseId: order.warehouseId };
    const events = stockDecider.decide(
      { type: 'ReceiveStock', ...at, quantity, reference, value },
      states.stock.get(line.productId) ?? stockDecider.initialState,
    );
    if (E.isLeft(events)) return events;
    stock.push({ ...at, events: events.right });
    received.push({ productId: line.productId, quantity, value });
  }
  const value = Money.sum(received.map((r) => r.value));
  const entryId = goodsReceiptJournalEntryId(order.id, command.receiptId);
  const accounts = states.settings.postingAccounts;
  const entry = decideAutomaticEntry(states, {
    id: entryId,
    date: command.date,
    description: `Goods receipt ${command.receiptId} for purchase order ${order.id}`,
    lines: [
      { accountId: accounts.inventory, side: 'debit', amount: value },
      { accountId: accounts.grni, side: 'credit', amount: value },
    ],
  });
  if (E.isLeft(entry)) return entry;
  const fullyReceived = order.lines.every((l) => {
    const now = received.find((r) => r.productId === l.productId)?.quantity ?? Quantity.zero;
    return Quantity.add(l.received, now) >= l.quantity;
  });
  return E.right({
    order: [
      {
        type: 'GoodsReceived',
        data: {
          id: order.id,
          receiptId: command.receiptId,
          date: command.date,
          lines: received,
          value,
          journalEntryId: entry.right.journal.length === 0 ? null : entryId,
          fullyReceived,
        },
      },
    ],
    stock,
    chart: entry.right.chart,
    journal: entry.right.journal,
  });
};
