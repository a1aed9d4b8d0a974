import {
  chartDecider,
  chartEventC,
  customerDecider,
  customerEventC,
  journalDecider,
  journalEventC,
  orderDecider,
  orderEventC,
  purchaseOrderDecider,
  purchaseOrderEventC,
  settingsDecider,
  settingsEventC,
  supplierDecider,
  supplierEventC,
  type ChartEvent,
  type ChartState,
  type CustomerEvent,
  type CustomerState,
  type JournalEvent,
  type JournalState,
  type OrderEvent,
  type OrderState,
  type PurchaseOrderEvent,
  type PurchaseOrderState,
  type SettingsEvent,
  type SettingsState,
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
/** `settings-main`: posting accounts and lock date, read by every posting decision. */
export const settingsModel: StreamModel<SettingsEvent, SettingsState> = {
  initialState: settingsDecider.initialState,
  evolve: settingsDecider.evolve,
  codec: settingsEventC,
};
export const orderModel: StreamModel<OrderEvent, OrderState> = {
  initialState: orderDecider.initialState,
  evolve: orderDecider.evolve,
  codec: orderEventC,
};
export const customerModel: StreamModel<CustomerEvent, CustomerState> = {
  initialState: customerDecider.initialState,
  evolve: customerDecider.evolve,
  codec: customerEventC,
};
export const journalModel: StreamModel<JournalEvent, JournalState> = {
  initialState: journalDecider.initialState,
  evolve: journalDecider.evolve,
  codec: journalEventC,
};
/**
 * The chart folded from its first event. The API passes its own chart model instead (loaded from
 * the newest snapshot): the chart grows with every posting.
 */
export const foldedChartModel: StreamModel<ChartEvent, ChartState> = {
  initialState: chartDecider.initialState,
  evolve: chartDecider.evolve,
  codec: chartEventC,
};

/** How the posting use cases load the chart (the caller's snapshot strategy, or folded). */
export interface PostingKinds {
  readonly chart: StreamModel<ChartEvent, ChartState>;
}
