import { describe, expect, it } from 'vitest';
import { isRight } from 'fp-ts/lib/Either.js';
import type { Name } from '../catalog/names.js';
import { given } from '../shared/decider-spec.js';
import { asId, type CustomerId, type Id, type OrderId } from '../shared/id.js';
import type { Phone } from './customer-fields.js';
import { RegisterCustomerC } from './customer.commands.js';
import { customerDecider } from './customer.decider.js';
import { customerEventC, type CustomerEvent } from './customer.events.js';
import { money } from './sales.spec-helpers.js';

const C1 = asId<CustomerId>('C1');
const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: { id: C1, name: 'Ada' as Name, phone: '+1 555 0100' as Phone },
};
const charged = (amount: string, after: string): CustomerEvent => ({
  type: 'CustomerCharged',
  data: {
    customerId: C1,
    orderId: asId<OrderId>('O1'),
    amount: money(amount),
    balanceAfter: money(after),
    at: 't',
  },
});
const pay = (id: string, amount: string) => ({
  type: 'RecordPayment' as const,
  customerId: C1,
  paymentId: asId<Id>(id),
  amount: money(amount),
  at: 't',
});

describe('customer decider', () => {
  it('registers a customer once', () => {
    given(customerDecider, [])
      .when({
        type: 'RegisterCustomer',
        id: C1,
        name: 'Ada' as Name,
        phone: '+1 555 0100' as Phone,
      })
      .then([registered]);
    given(customerDecider, [registered])
      .when({ type: 'RegisterCustomer', id: C1, name: 'Bob' as Name, phone: null })
      .then('already_exists');
  });

  it('a payment lowers the balance and carries the balance after it', () => {
    given(customerDecider, [registered, charged('100', '100')])
      .when(pay('P1', '30.5'))
      .then([
        {
          type: 'PaymentRecorded',
          data: {
            customerId: C1,
            paymentId: asId<Id>('P1'),
            amount: money('30.5'),
            balanceAfter: money('69.5'),
            at: 't',
          },
        },
      ]);
  });

  it('an overpayment leaves a credit (negative balance)', () => {
    given(customerDecider, [registered])
      .when(pay('P1', '10'))
      .then([
        {
          type: 'PaymentRecorded',
          data: {
            customerId: C1,
            paymentId: asId<Id>('P1'),
            amount: money('10'),
            balanceAfter: money('-10'),
            at: 't',
          },
        },
      ]);
  });

  it('refuses a payment or a charge for an unknown customer', () => {
    given(customerDecider, []).when(pay('P1', '10')).then('not_found');
    given(customerDecider, [])
      .when({
        type: 'ChargeCustomer',
        customerId: C1,
        orderId: asId<OrderId>('O1'),
        amount: money('1'),
        at: 't',
      })
      .then('unknown_customer');
  });

  it('evolves the balance from balanceAfter', () => {
    const state = [registered, charged('100', '100')].reduce(
      customerDecider.evolve,
      customerDecider.initialState,
    );
    expect(state).toEqual({
      status: 'active',
      id: 'C1',
      name: 'Ada',
      phone: '+1 555 0100',
      balance: 10000n,
    });
  });

  it('codecs refuse a bad phone and round-trip events', () => {
    expect(
      isRight(
        RegisterCustomerC.decode({
          type: 'RegisterCustomer',
          id: 'C1',
          name: 'Ada',
          phone: 'call me',
        }),
      ),
    ).toBe(false);
    for (const event of [registered, charged('1.25', '3')])
      expect(customerEventC.decode(customerEventC.encode(event))).toEqual({
        _tag: 'Right',
        right: event,
      });
  });
});
