import * as t from 'io-ts';
import { CalendarDateC } from '../accounting/account-values.js';
import { NameC } from '../catalog/names.js';
import { IdC, PurchaseOrderIdC, SupplierIdC } from '../shared/id.js';
import { MoneyC, PositiveMoneyC } from '../shared/money.js';

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.readonly(t.type({ type: t.literal(type), data: t.readonly(t.type(props)) }), type);

/** A supplier was registered. Stream `supplier-<id>`. */
export const SupplierRegisteredC = event('SupplierRegistered', { id: SupplierIdC, name: NameC });
export type SupplierRegistered = t.TypeOf<typeof SupplierRegisteredC>;

/** A bill raised what we owe the supplier; `balanceAfter` is the payable after it. */
export const SupplierBilledC = event('SupplierBilled', {
  supplierId: SupplierIdC,
  billId: IdC,
  orderId: PurchaseOrderIdC,
  amount: PositiveMoneyC,
  balanceAfter: MoneyC,
  date: CalendarDateC,
});
export type SupplierBilled = t.TypeOf<typeof SupplierBilledC>;

/** We paid the supplier; `balanceAfter` is what we still owe (negative: an advance). */
export const SupplierPaidC = event('SupplierPaid', {
  supplierId: SupplierIdC,
  paymentId: IdC,
  amount: PositiveMoneyC,
  balanceAfter: MoneyC,
  date: CalendarDateC,
});
export type SupplierPaid = t.TypeOf<typeof SupplierPaidC>;

export const supplierEventC = t.union(
  [SupplierRegisteredC, SupplierBilledC, SupplierPaidC],
  'SupplierEvent',
);
export type SupplierEvent = t.TypeOf<typeof supplierEventC>;
export const supplierEventTypes: readonly SupplierEvent['type'][] = [
  'SupplierRegistered',
  'SupplierBilled',
  'SupplierPaid',
];
