import * as t from 'io-ts';
import { IdC, ProductIdC, WarehouseIdC } from '../shared/id.js';
import { NonNegativeMoneyC } from '../shared/money.js';
import { NonNegativeQuantityC, PositiveQuantityC, QuantityC } from '../shared/quantity.js';
import { UnitCostC } from '../shared/unit-cost.js';
import { ReferenceC } from './reference.js';

/**
 * Every stock event carries the stream's whole state after it (`balanceAfter` = on hand,
 * `reservedAfter`), so the state of a hot SKU is read from its LAST event instead of folding a
 * history that grows with every movement, and the ledger's running balance needs no lookup.
 */
const position = {
  productId: ProductIdC,
  warehouseId: WarehouseIdC,
  balanceAfter: NonNegativeQuantityC,
  reservedAfter: NonNegativeQuantityC,
};

/**
 * The moving-average valuation after the event (see moving-average.ts). Optional so that events
 * written before valuation existed still decode: absent means zero, and a stream that never had
 * a value (no receipt at a cost) writes none of them, reading exactly as it did before.
 * `cost` is the value the movement carried in or out, in cents (its sign follows the movement:
 * out for issues, deliveries and transfers out, the sign of `quantity` for a count).
 */
export const stockValuationProps = {
  cost: NonNegativeMoneyC,
  valueAfter: NonNegativeMoneyC,
  unitCostAfter: UnitCostC,
};
const valuation = t.partial(stockValuationProps);

const event = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.readonly(
    t.type({
      type: t.literal(type),
      data: t.readonly(t.intersection([t.type({ ...position, ...props }), valuation])),
    }),
    type,
  );

/** Goods arrived. */
export const StockReceivedC = event('StockReceived', {
  quantity: PositiveQuantityC,
  reference: t.union([ReferenceC, t.null]),
});
export type StockReceived = t.TypeOf<typeof StockReceivedC>;

/** Goods left (sold over the counter, scrapped…), never beyond what was available. */
export const StockIssuedC = event('StockIssued', {
  quantity: PositiveQuantityC,
  reference: t.union([ReferenceC, t.null]),
});
export type StockIssued = t.TypeOf<typeof StockIssuedC>;

/**
 * A count set on-hand to `countedQuantity`; `bookQuantity` is what the books showed before it and
 * `quantity` the signed variance (counted − book). Schema version 2: version 1 had no
 * `bookQuantity` (see stock-adjusted.upcaster.ts, which derives it on read).
 */
export const StockAdjustedC = event('StockAdjusted', {
  countedQuantity: NonNegativeQuantityC,
  bookQuantity: NonNegativeQuantityC,
  quantity: QuantityC,
  reason: ReferenceC,
});
export type StockAdjusted = t.TypeOf<typeof StockAdjustedC>;

/** Stock was set aside for `reference` (an order): on hand unchanged, available lower. */
export const StockReservedC = event('StockReserved', {
  quantity: PositiveQuantityC,
  reference: ReferenceC,
});
export type StockReserved = t.TypeOf<typeof StockReservedC>;

/** A reservation for `reference` was given back. */
export const StockReleasedC = event('StockReleased', {
  quantity: PositiveQuantityC,
  reference: ReferenceC,
});
export type StockReleased = t.TypeOf<typeof StockReleasedC>;

/** Reserved stock left with a delivery: on hand and reserved both fall by `quantity`. */
export const StockDeliveredC = event('StockDelivered', {
  quantity: PositiveQuantityC,
  reference: ReferenceC,
});
export type StockDelivered = t.TypeOf<typeof StockDeliveredC>;

/** The source half of a transfer (appended atomically with the destination half). */
export const StockTransferredOutC = event('StockTransferredOut', {
  quantity: PositiveQuantityC,
  transferId: IdC,
  toWarehouseId: WarehouseIdC,
});
export type StockTransferredOut = t.TypeOf<typeof StockTransferredOutC>;

/** The destination half of a transfer. */
export const StockTransferredInC = event('StockTransferredIn', {
  quantity: PositiveQuantityC,
  transferId: IdC,
  fromWarehouseId: WarehouseIdC,
});
export type StockTransferredIn = t.TypeOf<typeof StockTransferredInC>;

/** Every event of a `stock-<productId>@<warehouseId>` stream. */
export const stockEventC = t.union(
  [
    StockReceivedC,
    StockIssuedC,
    StockAdjustedC,
    StockReservedC,
    StockReleasedC,
    StockDeliveredC,
    StockTransferredOutC,
    StockTransferredInC,
  ],
  'StockEvent',
);
export type StockEvent = t.TypeOf<typeof stockEventC>;
export type StockEventType = StockEvent['type'];

/** The type names of stock events, for projections that subscribe by type. */
export const stockEventTypes: readonly StockEventType[] = [
  'StockReceived',
  'StockIssued',
  'StockAdjusted',
  'StockReserved',
  'StockReleased',
  'StockDelivered',
  'StockTransferredOut',
  'StockTransferredIn',
];
