import * as t from 'io-ts';
import { CalendarDateC } from '../accounting/account-values.js';
import {
  IdC,
  JournalEntryIdC,
  ProductIdC,
  PurchaseOrderIdC,
  SupplierIdC,
  WarehouseIdC,
} from '../shared/id.js';
import { NonNegativeMoneyC, PositiveMoneyC } from '../shared/money.js';
import { PositiveQuantityC } from '../shared/quantity.js';
import { UnitCostC } from '../shared/unit-cost.js';

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.readonly(t.type({ type: t.literal(type), data: t.readonly(t.type(props)) }), type);

/** One ordered product (one line per product) at an agreed unit cost (6 decimals). */
export const PurchaseLineC = t.readonly(
  t.type({ productId: ProductIdC, quantity: PositiveQuantityC, unitCost: UnitCostC }),
  'PurchaseLine',
);
export type PurchaseLine = t.TypeOf<typeof PurchaseLineC>;

/** A quantity of one product received, valued at the order's unit cost (cents, half-even). */
export const ReceivedLineC = t.readonly(
  t.type({ productId: ProductIdC, quantity: PositiveQuantityC, value: NonNegativeMoneyC }),
  'ReceivedLine',
);
export type ReceivedLine = t.TypeOf<typeof ReceivedLineC>;

/** A quantity of one product billed, at the order's unit cost. */
export const BilledLineC = t.readonly(
  t.type({ productId: ProductIdC, quantity: PositiveQuantityC, amount: NonNegativeMoneyC }),
  'BilledLine',
);
export type BilledLine = t.TypeOf<typeof BilledLineC>;

/** A purchase order was drafted. Stream `purchase-order-<id>`. */
export const PurchaseOrderDraftedC = event('PurchaseOrderDrafted', {
  id: PurchaseOrderIdC,
  supplierId: SupplierIdC,
  warehouseId: WarehouseIdC,
  lines: t.readonlyArray(PurchaseLineC),
  at: t.string,
});
export type PurchaseOrderDrafted = t.TypeOf<typeof PurchaseOrderDraftedC>;

/** The order was sent to the supplier: goods may now be received against it. */
export const PurchaseOrderPlacedC = event('PurchaseOrderPlaced', {
  id: PurchaseOrderIdC,
  at: t.string,
});
export type PurchaseOrderPlaced = t.TypeOf<typeof PurchaseOrderPlacedC>;

/**
 * Goods arrived against the order (in the same append: the stock receipts at cost and the entry
 * Dr inventory / Cr GRNI `journalEntryId`, null when the receipt is worth nothing).
 */
export const GoodsReceivedC = event('GoodsReceived', {
  id: PurchaseOrderIdC,
  receiptId: IdC,
  date: CalendarDateC,
  lines: t.readonlyArray(ReceivedLineC),
  value: NonNegativeMoneyC,
  journalEntryId: t.union([JournalEntryIdC, t.null]),
  fullyReceived: t.boolean,
});
export type GoodsReceived = t.TypeOf<typeof GoodsReceivedC>;

/** The supplier's bill for received quantities (Dr GRNI / Cr payable, the supplier's balance raised). */
export const PurchaseOrderBilledC = event('PurchaseOrderBilled', {
  id: PurchaseOrderIdC,
  billId: IdC,
  date: CalendarDateC,
  lines: t.readonlyArray(BilledLineC),
  amount: PositiveMoneyC,
  journalEntryId: JournalEntryIdC,
});
export type PurchaseOrderBilled = t.TypeOf<typeof PurchaseOrderBilledC>;

/** No more goods are expected (what was not received is cancelled). */
export const PurchaseOrderClosedC = event('PurchaseOrderClosed', {
  id: PurchaseOrderIdC,
  at: t.string,
});
export type PurchaseOrderClosed = t.TypeOf<typeof PurchaseOrderClosedC>;

export const purchaseOrderEventC = t.union(
  [
    PurchaseOrderDraftedC,
    PurchaseOrderPlacedC,
    GoodsReceivedC,
    PurchaseOrderBilledC,
    PurchaseOrderClosedC,
  ],
  'PurchaseOrderEvent',
);
export type PurchaseOrderEvent = t.TypeOf<typeof purchaseOrderEventC>;
export const purchaseOrderEventTypes: readonly PurchaseOrderEvent['type'][] = [
  'PurchaseOrderDrafted',
  'PurchaseOrderPlaced',
  'GoodsReceived',
  'PurchaseOrderBilled',
  'PurchaseOrderClosed',
];
