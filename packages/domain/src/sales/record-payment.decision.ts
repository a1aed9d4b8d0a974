import * as E from 'fp-ts/lib/Either.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { ChartState } from '../accounting/chart.state.js';
import type { JournalState } from '../accounting/journal.decider.js';
import type { JournalEvent } from '../accounting/journal.events.js';
import { decideAutomaticEntry } from '../settings/automatic-entry.js';
import { dayOf } from '../settings/period-lock.js';
import { defaultSettings, type SettingsState } from '../settings/settings.decider.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { RecordPayment } from './customer.commands.js';
import { customerDecider, type CustomerState } from './customer.decider.js';
import type { CustomerEvent } from './customer.events.js';
import { paymentJournalEntryId } from './sales-ids.js';

/** What a payment reads: the customer, the chart and the payment's journal entry stream. */
export interface RecordPaymentStates {
  readonly customer: CustomerState;
  readonly chart: ChartState;
  /** The state of `journal-<paymentJournalEntryId(payment id)>`. */
  readonly journal: JournalState;
  /** The company settings (posting accounts, lock date); absent: the defaults, no lock. */
  readonly settings?: SettingsState;
}

/** What a payment writes, per stream, in one atomic append. */
export interface RecordPaymentOutcome {
  readonly customer: readonly CustomerEvent[];
  readonly chart: readonly ChartEvent[];
  readonly journal: readonly JournalEvent[];
}

/**
 * Records a payment: lowers the customer's balance and posts cash debit against receivable credit.
 * An unknown customer is `not_found` (the id is in the path); a payment id used before, by any
 * customer, is `already_exists` because its journal entry exists.
 */
export const recordPayment = (
  command: RecordPayment,
  states: RecordPaymentStates,
): E.Either<DomainError, RecordPaymentOutcome> => {
  const customer = customerDecider.decide(command, states.customer);
  if (E.isLeft(customer)) return customer;
  const entryId = paymentJournalEntryId(command.paymentId);
  if (states.journal.status !== 'absent')
    return E.left(
      domainError('already_exists', `payment ${command.paymentId} was already recorded`, [
        { paymentId: command.paymentId },
      ]),
    );
  const settings = states.settings ?? defaultSettings;
  const accounts = settings.postingAccounts;
  const entry = decideAutomaticEntry(
    { settings, chart: states.chart, journal: states.journal },
    {
      id: entryId,
      date: dayOf(command.at),
      description: `Payment ${command.paymentId} from customer ${command.customerId}`,
      lines: [
        { accountId: accounts.cash, side: 'debit', amount: command.amount },
        { accountId: accounts.receivable, side: 'credit', amount: command.amount },
      ],
    },
  );
  if (E.isLeft(entry)) return entry;
  return E.right({
    customer: customer.right,
    chart: entry.right.chart,
    journal: entry.right.journal,
  });
};
