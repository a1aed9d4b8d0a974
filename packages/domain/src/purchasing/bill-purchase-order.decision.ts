import * as E from 'fp-ts/lib/Either.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { JournalEvent } from '../accounting/journal.events.js';
import { decideAutomaticEntry, type PostingStates } from '../settings/automatic-entry.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { Money } from '../shared/money.js';
import { Quantity } from '../shared/quantity.js';
import { matchRemaining } from '../shared/remaining-lines.js';
import { UnitCost } from '../shared/unit-cost.js';
import type { BillPurchaseOrder } from './purchase-order.commands.js';
import { purchaseOrderNotFound, type PurchaseOrderState } from './purchase-order.decider.js';
import type { BilledLine, PurchaseOrderEvent } from './purchase-order.events.js';
import { billJournalEntryId } from './purchasing-ids.js';
import { supplierDecider, type SupplierState } from './supplier.decider.js';
import type { SupplierEvent } from './supplier.events.js';

export interface BillPurchaseOrderStates extends PostingStates {
  readonly order: PurchaseOrderState;
  readonly supplier: SupplierState;
}

export interface BillPurchaseOrderOutcome {
  readonly order: readonly PurchaseOrderEvent[];
  readonly supplier: readonly SupplierEvent[];
  readonly chart: readonly ChartEvent[];
  readonly journal: readonly JournalEvent[];
}

/**
 * Records a supplier bill: only for received, not yet billed quantities (`exceeds_remaining`),
 * each line at quantity × the order's unit cost, posting Dr GRNI / Cr payable and raising the
 * supplier's balance. A bill id is unique system-wide through its entry `bill-<id>` (409). A bill
 * worth nothing (free goods) is refused: there is no debt to record.
 */
export const billPurchaseOrder = (
  command: BillPurchaseOrder,
  states: BillPurchaseOrderStates,
): E.Either<DomainError, BillPurchaseOrderOutcome> => {
  const { order } = states;
  if (order.status === 'absent') return E.left(purchaseOrderNotFound(command.orderId));
  if (states.journal.status !== 'absent')
    return E.left(
      domainError('already_exists', `bill ${command.billId} was already recorded`, [
        { billId: command.billId },
      ]),
    );
  const matched = matchRemaining(
    command.lines,
    order.lines,
    (l) => Quantity.subtract(l.received, l.billed),
    `purchase order ${order.id} as received and not billed`,
  );
  if (E.isLeft(matched)) return matched;
  const lines: BilledLine[] = matched.right.map(({ line, quantity }) => ({
    productId: line.productId,
    quantity,
    amount: UnitCost.valueOf(quantity, line.unitCost),
  }));
  const amount = Money.sum(lines.map((l) => l.amount));
  if (amount <= 0n)
    return E.left(
      domainError('validation_failed', 'a bill must be worth more than zero', [
        { path: 'lines', message: 'total is zero' },
      ]),
    );
  const entryId = billJournalEntryId(command.billId);
  const accounts = states.settings.postingAccounts;
  const entry = decideAutomaticEntry(states, {
    id: entryId,
    date: command.date,
    description: `Bill ${command.billId} for purchase order ${order.id}`,
    lines: [
      { accountId: accounts.grni, side: 'debit', amount },
      { accountId: accounts.payable, side: 'credit', amount },
    ],
  });
  if (E.isLeft(entry)) return entry;
  const supplier = supplierDecider.decide(
    {
      type: 'ChargeSupplier',
      supplierId: order.supplierId,
      billId: command.billId,
      orderId: order.id,
      amount,
      date: command.date,
    },
    states.supplier,
  );
  if (E.isLeft(supplier)) return supplier;
  return E.right({
    order: [
      {
        type: 'PurchaseOrderBilled',
        data: {
          id: order.id,
          billId: command.billId,
          date: command.date,
          lines,
          amount,
          journalEntryId: entryId,
        },
      },
    ],
    supplier: supplier.right,
    chart: entry.right.chart,
    journal: entry.right.journal,
  });
};
