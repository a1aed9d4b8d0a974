import * as E from 'fp-ts/lib/Either.js';
import type { CalendarDate } from '../accounting/account-values.js';
import type { ChartEvent } from '../accounting/chart.events.js';
import type { ChartState } from '../accounting/chart.state.js';
import type { JournalState } from '../accounting/journal.decider.js';
import type { JournalEvent } from '../accounting/journal.events.js';
import { decideAutomaticEntry } from '../settings/automatic-entry.js';
import type { SettingsState } from '../settings/settings.decider.js';
import type { DomainError } from '../shared/domain-error.js';
import type { JournalEntryId } from '../shared/id.js';
import type { Money } from '../shared/money.js';
import type { ChargeCustomer, CreditCustomer } from './customer.commands.js';
import { customerDecider, type CustomerState } from './customer.decider.js';
import type { CustomerEvent } from './customer.events.js';
import type { OrderState } from './order.decider.js';
import type { OrderEvent } from './order.events.js';
import type { StockStates, StockWrite } from './order-stock.js';

/** What a delivery or a return reads. `journal` is the stream of the entry it posts. */
export interface OrderMovementStates {
  readonly order: OrderState;
  readonly stock: StockStates;
  readonly customer: CustomerState;
  readonly chart: ChartState;
  readonly journal: JournalState;
  /** The company settings (posting accounts, lock date); absent: the defaults, no lock. */
  readonly settings?: SettingsState;
}

/** What it writes, per stream, in one atomic append. */
export interface OrderMovementOutcome {
  readonly order: readonly OrderEvent[];
  readonly stock: readonly StockWrite[];
  readonly customer: readonly CustomerEvent[];
  readonly chart: readonly ChartEvent[];
  readonly journal: readonly JournalEvent[];
}

/** The posting side of a delivery or a return: the customer's, the chart's and the entry's events. */
export interface OrderPosting {
  readonly customer: readonly CustomerEvent[];
  readonly chart: readonly ChartEvent[];
  readonly journal: readonly JournalEvent[];
  /** The entry's id, or null when nothing was posted (every amount zero). */
  readonly journalEntryId: JournalEntryId | null;
}

/**
 * Posts goods leaving for a customer (`sale`: Dr receivable / Cr revenue for `amount`, Dr COGS /
 * Cr inventory for `cost`) or coming back (`return`: the mirror), on `date` to the company's
 * posting accounts, and moves the customer's debt by `amount` (no customer event when it is zero).
 */
export const postOrderMovement = (
  states: OrderMovementStates,
  settings: SettingsState,
  movement: {
    readonly kind: 'sale' | 'return';
    readonly entryId: JournalEntryId;
    readonly date: CalendarDate;
    readonly description: string;
    readonly amount: Money;
    readonly cost: Money;
    readonly customer: ChargeCustomer | CreditCustomer;
  },
): E.Either<DomainError, OrderPosting> => {
  const { amount, cost } = movement;
  const accounts = settings.postingAccounts;
  const [debtor, income] = [accounts.receivable, accounts.revenue];
  const [expense, asset] = [accounts.cogs, accounts.inventory];
  const sale = movement.kind === 'sale';
  const entry = decideAutomaticEntry(
    { settings, chart: states.chart, journal: states.journal },
    {
      id: movement.entryId,
      date: movement.date,
      description: movement.description,
      lines: [
        { accountId: sale ? debtor : income, side: 'debit', amount },
        { accountId: sale ? income : debtor, side: 'credit', amount },
        { accountId: sale ? expense : asset, side: 'debit', amount: cost },
        { accountId: sale ? asset : expense, side: 'credit', amount: cost },
      ],
    },
  );
  if (E.isLeft(entry)) return entry;
  const customer =
    amount > 0n ? customerDecider.decide(movement.customer, states.customer) : E.right([]);
  if (E.isLeft(customer)) return customer;
  return E.right({
    customer: customer.right,
    chart: entry.right.chart,
    journal: entry.right.journal,
    journalEntryId: entry.right.journal.length === 0 ? null : movement.entryId,
  });
};
