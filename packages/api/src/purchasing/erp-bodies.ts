import * as t from 'io-ts';
import {
  CalendarDateC,
  CustomerIdC,
  IdC,
  NameC,
  OrderIdC,
  ProductIdC,
  PurchaseOrderIdC,
  SupplierIdC,
  UnitCostC,
  WarehouseIdC,
} from '@erpcore/domain';
import { BodyAmountC, BodyPriceC, BodyQuantityC } from '../http/decimal-bounds.js';
import { strictObject } from '../http/decode.js';
import { listQueryProps } from '../http/list-query.js';

/** 1 to 200 lines, at most one per product (what every line-bearing command takes). */
const lines = <A extends { readonly productId: string }>(line: t.Type<A, unknown, unknown>) =>
  t.refinement(
    t.readonlyArray(line),
    (ls) =>
      ls.length >= 1 && ls.length <= 200 && new Set(ls.map((l) => l.productId)).size === ls.length,
    'Lines (1–200, one per product)',
  );

const QuantityLinesC = lines(
  strictObject('QuantityLine', { productId: ProductIdC, quantity: BodyQuantityC }),
);

export const RegisterSupplierBodyC = strictObject('RegisterSupplierBody', {
  id: SupplierIdC,
  name: NameC,
});

export const DraftPurchaseOrderBodyC = strictObject('DraftPurchaseOrderBody', {
  id: PurchaseOrderIdC,
  supplierId: SupplierIdC,
  warehouseId: WarehouseIdC,
  lines: lines(
    strictObject('PurchaseLine', {
      productId: ProductIdC,
      quantity: BodyQuantityC,
      unitCost: UnitCostC,
    }),
  ),
});

/** A receipt or a bill: its id, its date (the entry's), the quantities. */
export const ReceiptBodyC = strictObject('ReceiptBody', {
  id: IdC,
  date: CalendarDateC,
  lines: QuantityLinesC,
});

export const SupplierPaymentBodyC = strictObject('SupplierPaymentBody', {
  id: IdC,
  supplierId: SupplierIdC,
  amount: BodyAmountC,
  date: CalendarDateC,
});

/** A delivery or a return: its id and the quantities per product. */
export const FulfilmentBodyC = strictObject('FulfilmentBody', { id: IdC, lines: QuantityLinesC });

export const CreditLimitBodyC = strictObject('CreditLimitBody', {
  creditLimit: t.union([BodyPriceC, t.null]),
});

export const PurchaseOrderParamsC = strictObject('PurchaseOrderParams', { id: PurchaseOrderIdC });
export const SupplierParamsC = strictObject('SupplierParams', { id: SupplierIdC });
export const OrderParamsC = strictObject('OrderParams', { id: OrderIdC });
export const CustomerParamsC = strictObject('CustomerParams', { id: CustomerIdC });

/** `GET /v1/suppliers`. */
export const SupplierListQueryC = strictObject('SupplierListQuery', {}, listQueryProps);

/** `GET /v1/purchase-orders`: an optional status (the order's life: draft → … → closed). */
export const PurchaseOrderListQueryC = strictObject(
  'PurchaseOrderListQuery',
  {},
  {
    status: t.keyof({
      draft: null,
      ordered: null,
      partially_received: null,
      received: null,
      closed: null,
    }),
    ...listQueryProps,
  },
);
