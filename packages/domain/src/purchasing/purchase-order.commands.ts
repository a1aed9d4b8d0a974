import * as t from 'io-ts';
import { CalendarDateC } from '../accounting/account-values.js';
import { IdC, ProductIdC, PurchaseOrderIdC, SupplierIdC, WarehouseIdC } from '../shared/id.js';
import { PositiveQuantityC } from '../shared/quantity.js';
import { PurchaseLineC } from './purchase-order.events.js';

/** 1 to 200 lines, at most one per product. */
export const PurchaseLinesC = t.refinement(
  t.readonlyArray(PurchaseLineC),
  (lines) =>
    lines.length >= 1 &&
    lines.length <= 200 &&
    new Set(lines.map((l) => l.productId)).size === lines.length,
  'PurchaseLines',
);

/** Draft a purchase order for a supplier, to be received into one warehouse. */
export const DraftPurchaseOrderC = t.readonly(
  t.type({
    type: t.literal('DraftPurchaseOrder'),
    id: PurchaseOrderIdC,
    supplierId: SupplierIdC,
    warehouseId: WarehouseIdC,
    lines: PurchaseLinesC,
    at: t.string,
  }),
  'DraftPurchaseOrder',
);
export type DraftPurchaseOrder = t.TypeOf<typeof DraftPurchaseOrderC>;

/** Send a draft to the supplier (draft → ordered). */
export const PlacePurchaseOrderC = t.readonly(
  t.type({ type: t.literal('PlacePurchaseOrder'), id: PurchaseOrderIdC, at: t.string }),
  'PlacePurchaseOrder',
);
export type PlacePurchaseOrder = t.TypeOf<typeof PlacePurchaseOrderC>;

/** Close an ordered or (partly) received order: nothing more will be received. */
export const ClosePurchaseOrderC = t.readonly(
  t.type({ type: t.literal('ClosePurchaseOrder'), id: PurchaseOrderIdC, at: t.string }),
  'ClosePurchaseOrder',
);
export type ClosePurchaseOrder = t.TypeOf<typeof ClosePurchaseOrderC>;

/** A product and a quantity: what a receipt or a bill names, per line. */
export const QuantityLineC = t.readonly(
  t.type({ productId: ProductIdC, quantity: PositiveQuantityC }),
  'QuantityLine',
);
export type QuantityLine = t.TypeOf<typeof QuantityLineC>;
const QuantityLinesC = t.refinement(
  t.readonlyArray(QuantityLineC),
  (lines) =>
    lines.length >= 1 &&
    lines.length <= 200 &&
    new Set(lines.map((l) => l.productId)).size === lines.length,
  'QuantityLines',
);

/** Receive goods against an ordered purchase order, on `date`. */
export const ReceiveGoodsC = t.readonly(
  t.type({
    type: t.literal('ReceiveGoods'),
    orderId: PurchaseOrderIdC,
    receiptId: IdC,
    date: CalendarDateC,
    lines: QuantityLinesC,
  }),
  'ReceiveGoods',
);
export type ReceiveGoods = t.TypeOf<typeof ReceiveGoodsC>;

/** Record the supplier's bill for received, not yet billed quantities. */
export const BillPurchaseOrderC = t.readonly(
  t.type({
    type: t.literal('BillPurchaseOrder'),
    orderId: PurchaseOrderIdC,
    billId: IdC,
    date: CalendarDateC,
    lines: QuantityLinesC,
  }),
  'BillPurchaseOrder',
);
export type BillPurchaseOrder = t.TypeOf<typeof BillPurchaseOrderC>;

export type PurchaseOrderTransition = PlacePurchaseOrder | ClosePurchaseOrder;
