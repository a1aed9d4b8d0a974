import {
  purchaseOrderDecider,
  purchaseOrderEventC,
  supplierDecider,
  supplierEventC,
  type ChartEvent,
  type ChartState,
  type PurchaseOrderEvent,
  type PurchaseOrderState,
  type SupplierEvent,
  type SupplierState,
} from '@erpcore/domain';
import type { StreamModel } from '@erpcore/eventstore';

/** `supplier-<id>`: registration, bills and payments (a handful of events per month). */
export const supplierModel: StreamModel<SupplierEvent, SupplierState> = {
  initialState: supplierDecider.initialState,
  evolve: supplierDecider.evolve,
  codec: supplierEventC,
};
/** `purchase-order-<id>`: draft, placed, receipts, bills, closed. */
export const purchaseOrderModel: StreamModel<PurchaseOrderEvent, PurchaseOrderState> = {
  initialState: purchaseOrderDecider.initialState,
  evolve: purchaseOrderDecider.evolve,
  codec: purchaseOrderEventC,
};
// The kinds other contexts own, declared once there.
export { settingsModel, journalModel } from '../accounting/accounting-kinds.js';
export { orderModel, customerModel } from '../sales/sales-kinds.js';
export { foldedChartModel } from '../settings/settings-kinds.js';

/** How the posting use cases load the chart (the caller's snapshot strategy, or folded). */
export interface PostingKinds {
  readonly chart: StreamModel<ChartEvent, ChartState>;
}
