import * as E from 'fp-ts/lib/Either.js';
import {
  customerDecider,
  Money,
  paymentJournalEntryId,
  recordPayment,
  settingsStreamId,
  streamIds,
  type CustomerEvent,
  type RecordPayment,
  type RecordPaymentOutcome,
  type RegisterCustomer,
} from '@erpcore/domain';
import { useCase } from '../use-case.js';
import { journalModel, settingsModel, type ChartModel } from '../accounting/accounting-kinds.js';
import { customerModel, withSystemAccounts } from './sales-kinds.js';

/** Register a customer on `customer-<id>`. */
export const registerCustomer = useCase({
  name: 'register-customer',
  kinds: { customer: customerModel },
  streams: (c: RegisterCustomer) => ({ customer: streamIds.customer(c.id) }),
  decide: (states, command) =>
    E.map((customer: readonly CustomerEvent[]) => ({ customer }))(
      customerDecider.decide(command, states.customer),
    ),
  answer: (executed, command) => ({
    id: command.id,
    revision: executed.roles.customer.revision,
    position: executed.position,
  }),
});

/**
 * Record a payment: the customer's balance, cash against receivable on the chart (the posting
 * accounts and lock date of `settings-main`) and the payment's journal entry, in one append.
 * Answers the payment id with the customer's revision and new balance.
 */
export const recordCustomerPayment = (chart: ChartModel) =>
  useCase({
    name: 'record-payment',
    kinds: { customer: customerModel, chart, journal: journalModel, settings: settingsModel },
    streams: (c: RecordPayment) => ({
      customer: streamIds.customer(c.customerId),
      chart: streamIds.chart(),
      journal: streamIds.journal(paymentJournalEntryId(c.paymentId)),
      settings: settingsStreamId(),
    }),
    writes: ['customer', 'chart', 'journal'],
    decide: (states, command) => {
      const seeded = withSystemAccounts(states.chart);
      return E.map((o: RecordPaymentOutcome) => ({
        customer: o.customer,
        chart: [...seeded.seed, ...o.chart],
        journal: o.journal,
      }))(recordPayment(command, { ...states, chart: seeded.chart }));
    },
    replayStates: ['customer'],
    answer: (executed, command) => {
      const { state, revision } = executed.roles.customer;
      return {
        id: command.paymentId,
        revision,
        position: executed.position,
        extras:
          state.status === 'active'
            ? { customerId: command.customerId, balance: Money.format(state.balance) }
            : {},
      };
    },
  });
