import * as t from 'io-ts';
import { NameC } from '../catalog/names.js';
import { CustomerIdC, IdC, OrderIdC } from '../shared/id.js';
import { MoneyC, NonNegativeMoneyC, PositiveMoneyC } from '../shared/money.js';
import { PhoneC } from './customer-fields.js';

/** A customer was registered. Stream `customer-<id>`. */
export const CustomerRegisteredC = t.readonly(
  t.type({
    type: t.literal('CustomerRegistered'),
    data: t.readonly(t.type({ id: CustomerIdC, name: NameC, phone: t.union([PhoneC, t.null]) })),
  }),
  'CustomerRegistered',
);
export type CustomerRegistered = t.TypeOf<typeof CustomerRegisteredC>;

/**
 * A delivered order raised what the customer owes by its total. `balanceAfter` is the debt after
 * it, so the read model copies it instead of summing.
 */
export const CustomerChargedC = t.readonly(
  t.type({
    type: t.literal('CustomerCharged'),
    data: t.readonly(
      t.type({
        customerId: CustomerIdC,
        orderId: OrderIdC,
        amount: PositiveMoneyC,
        balanceAfter: MoneyC,
        at: t.string,
      }),
    ),
  }),
  'CustomerCharged',
);
export type CustomerCharged = t.TypeOf<typeof CustomerChargedC>;

/**
 * A payment lowered what the customer owes. The payment's id is made unique system-wide by the
 * journal entry `payment-<id>` written in the same atomic append (see record-payment.decision.ts).
 */
export const PaymentRecordedC = t.readonly(
  t.type({
    type: t.literal('PaymentRecorded'),
    data: t.readonly(
      t.type({
        customerId: CustomerIdC,
        paymentId: IdC,
        amount: PositiveMoneyC,
        balanceAfter: MoneyC,
        at: t.string,
      }),
    ),
  }),
  'PaymentRecorded',
);
export type PaymentRecorded = t.TypeOf<typeof PaymentRecordedC>;

/** Goods came back from a delivered order: what the customer owes fell by `amount`. */
export const CustomerCreditedC = t.readonly(
  t.type({
    type: t.literal('CustomerCredited'),
    data: t.readonly(
      t.type({
        customerId: CustomerIdC,
        orderId: OrderIdC,
        returnId: IdC,
        amount: PositiveMoneyC,
        balanceAfter: MoneyC,
        at: t.string,
      }),
    ),
  }),
  'CustomerCredited',
);
export type CustomerCredited = t.TypeOf<typeof CustomerCreditedC>;

/** Confirmations that would take the customer's exposure past `creditLimit` are refused (null: no limit). */
export const CustomerCreditLimitSetC = t.readonly(
  t.type({
    type: t.literal('CustomerCreditLimitSet'),
    data: t.readonly(
      t.type({ customerId: CustomerIdC, creditLimit: t.union([NonNegativeMoneyC, t.null]) }),
    ),
  }),
  'CustomerCreditLimitSet',
);
export type CustomerCreditLimitSet = t.TypeOf<typeof CustomerCreditLimitSetC>;

/** Every event of a customer stream. */
export const customerEventC = t.union(
  [
    CustomerRegisteredC,
    CustomerChargedC,
    PaymentRecordedC,
    CustomerCreditedC,
    CustomerCreditLimitSetC,
  ],
  'CustomerEvent',
);
export type CustomerEvent = t.TypeOf<typeof customerEventC>;

/** The type names of customer events, for projections that subscribe by type. */
export const customerEventTypes: readonly CustomerEvent['type'][] = [
  'CustomerRegistered',
  'CustomerCharged',
  'PaymentRecorded',
  'CustomerCredited',
];
