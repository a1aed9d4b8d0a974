import * as t from 'io-ts';
import { CalendarDateC } from '../accounting/account-values.js';
import { IdC, ProductIdC, WarehouseIdC } from '../shared/id.js';
import { NonNegativeMoneyC } from '../shared/money.js';
import { NonNegativeQuantityC, PositiveQuantityC } from '../shared/quantity.js';
import { UnitCostC } from '../shared/unit-cost.js';
import { ReferenceC } from './reference.js';

const target = { productId: ProductIdC, warehouseId: WarehouseIdC };

const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.readonly(t.type({ type: t.literal(type), ...target, ...props }), type);

/**
 * Put goods into a warehouse. `unitCost` values them at quantity × unit cost; `value` (a total in
 * cents, used by goods receipts and returns that know the exact figure) wins over it; with neither
 * they come in at the current moving average.
 */
export const ReceiveStockC = t.readonly(
  t.intersection([
    t.type({
      type: t.literal('ReceiveStock'),
      ...target,
      quantity: PositiveQuantityC,
      reference: t.union([ReferenceC, t.null]),
    }),
    t.partial({ unitCost: UnitCostC, value: NonNegativeMoneyC }),
  ]),
  'ReceiveStock',
);
export type ReceiveStock = t.TypeOf<typeof ReceiveStockC>;

/** Take goods out, at most what is available (on hand − reserved). */
export const IssueStockC = command('IssueStock', {
  quantity: PositiveQuantityC,
  reference: t.union([ReferenceC, t.null]),
});
export type IssueStock = t.TypeOf<typeof IssueStockC>;

/** Set on hand to what a count found (≥ 0, not below what is reserved). */
export const AdjustStockC = command('AdjustStock', {
  countedQuantity: NonNegativeQuantityC,
  reason: ReferenceC,
});
export type AdjustStock = t.TypeOf<typeof AdjustStockC>;

/** Set stock aside for `reference` (an order), at most what is available. */
export const ReserveStockC = command('ReserveStock', {
  quantity: PositiveQuantityC,
  reference: ReferenceC,
});
export type ReserveStock = t.TypeOf<typeof ReserveStockC>;

/**
 * Give back what was reserved for `reference`. The reserving side (the order) holds what it
 * reserved per line and releases exactly that; the stock stream guarantees reserved never
 * goes below zero.
 */
export const ReleaseStockC = command('ReleaseStock', {
  quantity: PositiveQuantityC,
  reference: ReferenceC,
});
export type ReleaseStock = t.TypeOf<typeof ReleaseStockC>;

/** Ship reserved stock (an order's delivery): lowers on hand and reserved together. */
export const DeliverStockC = command('DeliverStock', {
  quantity: PositiveQuantityC,
  reference: ReferenceC,
});
export type DeliverStock = t.TypeOf<typeof DeliverStockC>;

/** The commands of one `stock-<productId>@<warehouseId>` stream. */
export type StockCommand =
  ReceiveStock | IssueStock | AdjustStock | ReserveStock | ReleaseStock | DeliverStock;

/**
 * Move stock between two warehouses: decided over both stock streams by `decideTransfer`. With a
 * `date` (the HTTP route always gives one, default today) it is refused on or before the lock date.
 */
export const TransferStockC = t.readonly(
  t.intersection([
    t.type({
      type: t.literal('TransferStock'),
      transferId: IdC,
      productId: ProductIdC,
      fromWarehouseId: WarehouseIdC,
      toWarehouseId: WarehouseIdC,
      quantity: PositiveQuantityC,
    }),
    t.partial({ date: CalendarDateC }),
  ]),
  'TransferStock',
);
export type TransferStock = t.TypeOf<typeof TransferStockC>;
