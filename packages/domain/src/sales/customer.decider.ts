import * as E from 'fp-ts/lib/Either.js';
import type { Name } from '../catalog/names.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError } from '../shared/domain-error.js';
import type { CustomerId } from '../shared/id.js';
import { moneyLimit } from '../shared/limits.js';
import { Money } from '../shared/money.js';
import type { Phone } from './customer-fields.js';
import type { CustomerCommand } from './customer.commands.js';
import type { CustomerEvent } from './customer.events.js';

/** A customer stream's state; `balance` is what the customer owes (delivered totals − payments). */
export type CustomerState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active';
      readonly id: CustomerId;
      readonly name: Name;
      readonly phone: Phone | null;
      readonly balance: Money;
      /** Absent or null: no limit. */
      readonly creditLimit?: Money | null;
    };

/** Decides on the commands of one customer stream. */
export const customerDecider: Decider<CustomerCommand, CustomerEvent, CustomerState> = {
  initialState: { status: 'absent' },
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterCustomer':
        return state.status === 'absent'
          ? E.right([
              {
                type: 'CustomerRegistered',
                data: { id: command.id, name: command.name, phone: command.phone },
              },
            ])
          : E.left(domainError('already_exists', `customer ${command.id} already exists`));
      case 'RecordPayment': {
        // Paying more than is owed is accepted: the balance goes negative, a credit in the customer's favour.
        if (state.status === 'absent')
          return E.left(domainError('not_found', `customer ${command.customerId} does not exist`));
        const balanceAfter = Money.subtract(state.balance, command.amount);
        const over = moneyLimit('balance', balanceAfter, { customerId: command.customerId });
        if (over !== undefined) return E.left(over);
        return E.right([
          {
            type: 'PaymentRecorded',
            data: {
              customerId: command.customerId,
              paymentId: command.paymentId,
              amount: command.amount,
              balanceAfter,
              at: command.at,
            },
          },
        ]);
      }
      case 'ChargeCustomer': {
        if (state.status === 'absent')
          return E.left(
            domainError('unknown_customer', `customer ${command.customerId} does not exist`),
          );
        const balanceAfter = Money.add(state.balance, command.amount);
        const over = moneyLimit('balance', balanceAfter, { customerId: command.customerId });
        if (over !== undefined) return E.left(over);
        return E.right([
          {
            type: 'CustomerCharged',
            data: {
              customerId: command.customerId,
              orderId: command.orderId,
              amount: command.amount,
              balanceAfter,
              at: command.at,
            },
          },
        ]);
      }
      case 'SetCreditLimit':
        if (state.status === 'absent')
          return E.left(domainError('not_found', `customer ${command.customerId} does not exist`));
        return E.right(
          (state.creditLimit ?? null) === command.creditLimit
            ? []
            : [
                {
                  type: 'CustomerCreditLimitSet',
                  data: { customerId: command.customerId, creditLimit: command.creditLimit },
                },
              ],
        );
      case 'CreditCustomer':
        return state.status === 'absent'
          ? E.left(domainError('unknown_customer', `customer ${command.customerId} does not exist`))
          : E.right([
              {
                type: 'CustomerCredited',
                data: {
                  customerId: command.customerId,
                  orderId: command.orderId,
                  returnId: command.returnId,
                  amount: command.amount,
                  balanceAfter: Money.subtract(state.balance, command.amount),
                  at: command.at,
                },
              },
            ]);
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'CustomerRegistered':
        return { status: 'active', ...event.data, balance: Money.zero };
      case 'CustomerCharged':
      case 'PaymentRecorded':
      case 'CustomerCredited':
        return state.status === 'active' ? { ...state, balance: event.data.balanceAfter } : state;
      case 'CustomerCreditLimitSet':
        return state.status === 'active'
          ? { ...state, creditLimit: event.data.creditLimit }
          : state;
      default:
        return assertNever(event);
    }
  },
};
