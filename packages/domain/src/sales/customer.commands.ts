import * as t from 'io-ts';
import { NameC } from '../catalog/names.js';
import { CustomerIdC, IdC, OrderIdC } from '../shared/id.js';
import { NonNegativeMoneyC, PositiveMoneyC } from '../shared/money.js';
import { PhoneC } from './customer-fields.js';

/** Register a customer with a client-chosen id. */
export const RegisterCustomerC = t.readonly(
  t.type({
    type: t.literal('RegisterCustomer'),
    id: CustomerIdC,
    name: NameC,
    phone: t.union([PhoneC, t.null]),
  }),
  'RegisterCustomer',
);
export type RegisterCustomer = t.TypeOf<typeof RegisterCustomerC>;

/** Record a payment from the customer; `at` is when it was handled (ISO-8601). */
export const RecordPaymentC = t.readonly(
  t.type({
    type: t.literal('RecordPayment'),
    customerId: CustomerIdC,
    paymentId: IdC,
    amount: PositiveMoneyC,
    at: t.string,
  }),
  'RecordPayment',
);
export type RecordPayment = t.TypeOf<typeof RecordPaymentC>;

/** Charge a delivered order's total to the customer. Issued only by the deliver decision. */
export const ChargeCustomerC = t.readonly(
  t.type({
    type: t.literal('ChargeCustomer'),
    customerId: CustomerIdC,
    orderId: OrderIdC,
    amount: PositiveMoneyC,
    at: t.string,
  }),
  'ChargeCustomer',
);
export type ChargeCustomer = t.TypeOf<typeof ChargeCustomerC>;

/** Set (or with null, lift) the customer's credit limit. */
export const SetCreditLimitC = t.readonly(
  t.type({
    type: t.literal('SetCreditLimit'),
    customerId: CustomerIdC,
    creditLimit: t.union([NonNegativeMoneyC, t.null]),
  }),
  'SetCreditLimit',
);
export type SetCreditLimit = t.TypeOf<typeof SetCreditLimitC>;

/** Lower the customer's debt for goods returned. Issued only by the return decision. */
export interface CreditCustomer {
  readonly type: 'CreditCustomer';
  readonly customerId: t.TypeOf<typeof CustomerIdC>;
  readonly orderId: t.TypeOf<typeof OrderIdC>;
  readonly returnId: t.TypeOf<typeof IdC>;
  readonly amount: t.TypeOf<typeof PositiveMoneyC>;
  readonly at: string;
}

export type CustomerCommand =
  RegisterCustomer | RecordPayment | ChargeCustomer | SetCreditLimit | CreditCustomer;
