import * as E from 'fp-ts/lib/Either.js';
import type { Name } from '../catalog/names.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError } from '../shared/domain-error.js';
import type { SupplierId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import type { SupplierCommand } from './supplier.commands.js';
import type { SupplierEvent } from './supplier.events.js';

/** A supplier stream's state; `balance` is what we owe (bills − payments). */
export type SupplierState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active';
      readonly id: SupplierId;
      readonly name: Name;
      readonly balance: Money;
    };

export const supplierDecider: Decider<SupplierCommand, SupplierEvent, SupplierState> = {
  initialState: { status: 'absent' },
  decide: (command, state) => {
    switch (command.type) {
      case 'RegisterSupplier':
        return state.status === 'absent'
          ? E.right([{ type: 'SupplierRegistered', data: { id: command.id, name: command.name } }])
          : E.left(domainError('already_exists', `supplier ${command.id} already exists`));
      case 'PaySupplier':
        return state.status === 'absent'
          ? E.left(domainError('not_found', `supplier ${command.supplierId} does not exist`))
          : E.right([
              {
                type: 'SupplierPaid',
                data: {
                  supplierId: command.supplierId,
                  paymentId: command.paymentId,
                  amount: command.amount,
                  balanceAfter: Money.subtract(state.balance, command.amount),
                  date: command.date,
                },
              },
            ]);
      case 'ChargeSupplier':
        return state.status === 'absent'
          ? E.left(domainError('unknown_supplier', `supplier ${command.supplierId} does not exist`))
          : E.right([
              {
                type: 'SupplierBilled',
                data: {
                  supplierId: command.supplierId,
                  billId: command.billId,
                  orderId: command.orderId,
                  amount: command.amount,
                  balanceAfter: Money.add(state.balance, command.amount),
                  date: command.date,
                },
              },
            ]);
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'SupplierRegistered':
        return { status: 'active', ...event.data, balance: Money.zero };
      case 'SupplierBilled':
      case 'SupplierPaid':
        return state.status === 'active' ? { ...state, balance: event.data.balanceAfter } : state;
      default:
        return assertNever(event);
    }
  },
};
