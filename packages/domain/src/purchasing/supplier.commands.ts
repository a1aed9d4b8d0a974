import * as t from 'io-ts';
import { CalendarDateC } from '../accounting/account-values.js';
import { NameC } from '../catalog/names.js';
import { IdC, PurchaseOrderIdC, SupplierIdC } from '../shared/id.js';
import { PositiveMoneyC } from '../shared/money.js';

/** Register a supplier with a client-chosen id. */
export const RegisterSupplierC = t.readonly(
  t.type({ type: t.literal('RegisterSupplier'), id: SupplierIdC, name: NameC }),
  'RegisterSupplier',
);
export type RegisterSupplier = t.TypeOf<typeof RegisterSupplierC>;

/** Pay a supplier (Dr payable, Cr cash) on `date`. */
export const PaySupplierC = t.readonly(
  t.type({
    type: t.literal('PaySupplier'),
    supplierId: SupplierIdC,
    paymentId: IdC,
    amount: PositiveMoneyC,
    date: CalendarDateC,
  }),
  'PaySupplier',
);
export type PaySupplier = t.TypeOf<typeof PaySupplierC>;

/** Raise the payable by a bill. Issued only by `billPurchaseOrder`. */
export interface ChargeSupplier {
  readonly type: 'ChargeSupplier';
  readonly supplierId: t.TypeOf<typeof SupplierIdC>;
  readonly billId: t.TypeOf<typeof IdC>;
  readonly orderId: t.TypeOf<typeof PurchaseOrderIdC>;
  readonly amount: t.TypeOf<typeof PositiveMoneyC>;
  readonly date: t.TypeOf<typeof CalendarDateC>;
}

export type SupplierCommand = RegisterSupplier | PaySupplier | ChargeSupplier;
