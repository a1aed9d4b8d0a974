import * as t from 'io-ts';
import { NameC } from '../catalog/names.js';
import {
  CustomerIdC,
  IdC,
  JournalEntryIdC,
  OrderIdC,
  ProductIdC,
  WarehouseIdC,
} from '../shared/id.js';
import { NonNegativeMoneyC } from '../shared/money.js';
import { PositiveQuantityC } from '../shared/quantity.js';
import {
  FulfilmentLineC,
  OrderLinesDeliveredC,
  OrderLinesReturnedC,
} from './order-fulfilment.events.js';

/** One line as placed, with the product's name copied in so no reader needs a join. */
export const OrderLineC = t.readonly(
  t.type({
    productId: ProductIdC,
    productName: NameC,
    quantity: PositiveQuantityC,
    unitPrice: NonNegativeMoneyC,
    lineTotal: NonNegativeMoneyC,
  }),
  'OrderLine',
);
export type OrderLine = t.TypeOf<typeof OrderLineC>;

/** An order was placed (status `pending`). Stream `order-<id>`; names are copied in for the read model. */
export const OrderPlacedC = t.readonly(
  t.type({
    type: t.literal('OrderPlaced'),
    data: t.readonly(
      t.type({
        id: OrderIdC,
        customerId: CustomerIdC,
        customerName: NameC,
        branchId: IdC,
        salespersonId: IdC,
        warehouseId: WarehouseIdC,
        items: t.readonlyArray(OrderLineC),
        total: NonNegativeMoneyC,
        at: t.string,
      }),
    ),
  }),
  'OrderPlaced',
);
export type OrderPlaced = t.TypeOf<typeof OrderPlacedC>;

/** Every line's stock was reserved at the order's warehouse (in the same atomic append). */
export const OrderConfirmedC = t.readonly(
  t.type({
    type: t.literal('OrderConfirmed'),
    data: t.readonly(t.type({ id: OrderIdC, at: t.string })),
  }),
  'OrderConfirmed',
);
export type OrderConfirmed = t.TypeOf<typeof OrderConfirmedC>;

/**
 * The reserved stock left, the customer was charged and `journalEntryId` posted (all in the same
 * atomic append). `journalEntryId` is null for an order whose total is zero: nothing to post.
 */
export const OrderDeliveredC = t.readonly(
  t.type({
    type: t.literal('OrderDelivered'),
    data: t.readonly(
      t.intersection([
        t.type({
          id: OrderIdC,
          total: NonNegativeMoneyC,
          journalEntryId: t.union([JournalEntryIdC, t.null]),
          at: t.string,
        }),
        // What this event itself shipped, per product, with its cost. Absent on deliveries with
        // no cost (and on every delivery written before valuation): then each product shipped its
        // ordered quantity and amount at zero cost. Empty when delivered lines completed the order.
        t.partial({ lines: t.readonlyArray(FulfilmentLineC) }),
      ]),
    ),
  }),
  'OrderDelivered',
);
export type OrderDelivered = t.TypeOf<typeof OrderDeliveredC>;

/** The order was cancelled; `releasedReservations` says whether it had reserved stock to give back. */
export const OrderCancelledC = t.readonly(
  t.type({
    type: t.literal('OrderCancelled'),
    data: t.readonly(
      t.type({
        id: OrderIdC,
        reason: t.union([t.string, t.null]),
        releasedReservations: t.boolean,
        at: t.string,
      }),
    ),
  }),
  'OrderCancelled',
);
export type OrderCancelled = t.TypeOf<typeof OrderCancelledC>;

/** Every event of an order stream. */
export const orderEventC = t.union(
  [
    OrderPlacedC,
    OrderConfirmedC,
    OrderDeliveredC,
    OrderCancelledC,
    OrderLinesDeliveredC,
    OrderLinesReturnedC,
  ],
  'OrderEvent',
);
export type OrderEvent = t.TypeOf<typeof orderEventC>;

/** The type names of order events, for projections that subscribe by type. */
export const orderEventTypes: readonly OrderEvent['type'][] = [
  'OrderPlaced',
  'OrderConfirmed',
  'OrderDelivered',
  'OrderCancelled',
];

/** Partial deliveries and returns (not in `orderEventTypes`: the order list shows statuses only). */
export const orderFulfilmentEventTypes: readonly OrderEvent['type'][] = [
  'OrderLinesDelivered',
  'OrderLinesReturned',
];
