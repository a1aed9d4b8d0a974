import * as E from 'fp-ts/lib/Either.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { JournalEvent } from '../accounting/journal.events.js';
import { decideAutomaticEntry, type PostingStates } from '../settings/automatic-entry.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { PaySupplier } from './supplier.commands.js';
import { supplierDecider, type SupplierState } from './supplier.decider.js';
import type { SupplierEvent } from './supplier.events.js';
import { supplierPaymentJournalEntryId } from './purchasing-ids.js';

export interface PaySupplierStates extends PostingStates {
  readonly supplier: SupplierState;
}

export interface PaySupplierOutcome {
  readonly supplier: readonly SupplierEvent[];
  readonly chart: readonly ChartEvent[];
  readonly journal: readonly JournalEvent[];
}

/**
 * Pays a supplier: lowers what we owe and posts Dr payable / Cr cash. Unknown supplier:
 * `not_found`; a payment id used before: `already_exists` (its entry `spay-<id>` exists).
 */
export const paySupplier = (
  command: PaySupplier,
  states: PaySupplierStates,
): E.Either<DomainError, PaySupplierOutcome> => {
  const supplier = supplierDecider.decide(command, states.supplier);
  if (E.isLeft(supplier)) return supplier;
  if (states.journal.status !== 'absent')
    return E.left(
      domainError('already_exists', `supplier payment ${command.paymentId} was already recorded`, [
        { paymentId: command.paymentId },
      ]),
    );
  const accounts = states.settings.postingAccounts;
  const entry = decideAutomaticEntry(states, {
    id: supplierPaymentJournalEntryId(command.paymentId),
    date: command.date,
    description: `Payment ${command.paymentId} to supplier ${command.supplierId}`,
    lines: [
      { accountId: accounts.payable, side: 'debit', amount: command.amount },
      { accountId: accounts.cash, side: 'credit', amount: command.amount },
    ],
  });
  if (E.isLeft(entry)) return entry;
  return E.right({
    supplier: supplier.right,
    chart: entry.right.chart,
    journal: entry.right.journal,
  });
};
