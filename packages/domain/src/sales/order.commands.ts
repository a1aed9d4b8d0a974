import * as t from 'io-ts';
import { freeTextCodec } from '../shared/free-text.js';
import { CustomerIdC, IdC, OrderIdC, ProductIdC, WarehouseIdC } from '../shared/id.js';
import { NonNegativeMoneyC } from '../shared/money.js';
import { PositiveQuantityC } from '../shared/quantity.js';

/** Free text explaining a cancellation: at most 500 characters, may be empty. */
export const CancelReasonC = freeTextCodec<string>('CancelReason', { maxLength: 500 });

/** One requested line: a product, a quantity > 0 and a unit price >= 0. */
export const OrderItemC = t.readonly(
  t.type({ productId: ProductIdC, quantity: PositiveQuantityC, unitPrice: NonNegativeMoneyC }),
  'OrderItem',
);
export type OrderItem = t.TypeOf<typeof OrderItemC>;

/** Between 1 and 200 lines: an order with no lines sells nothing, and a page of orders stays small. */
export const OrderItemsC = t.refinement(
  t.readonlyArray(OrderItemC),
  (items) => items.length >= 1 && items.length <= 200,
  'OrderItems',
);

/** Place an order (status `pending`); `at` is when it was handled (ISO-8601). */
export const PlaceOrderC = t.readonly(
  t.type({
    type: t.literal('PlaceOrder'),
    id: OrderIdC,
    customerId: CustomerIdC,
    branchId: IdC,
    salespersonId: IdC,
    warehouseId: WarehouseIdC,
    items: OrderItemsC,
    at: t.string,
  }),
  'PlaceOrder',
);
export type PlaceOrder = t.TypeOf<typeof PlaceOrderC>;

/** Confirm a pending order: reserve every line's stock or nothing. */
export const ConfirmOrderC = t.readonly(
  t.type({ type: t.literal('ConfirmOrder'), id: OrderIdC, at: t.string }),
  'ConfirmOrder',
);
export type ConfirmOrder = t.TypeOf<typeof ConfirmOrderC>;

/** Deliver a confirmed order: issue the reserved stock, post the sale, charge the customer. */
export const DeliverOrderC = t.readonly(
  t.type({ type: t.literal('DeliverOrder'), id: OrderIdC, at: t.string }),
  'DeliverOrder',
);
export type DeliverOrder = t.TypeOf<typeof DeliverOrderC>;

/** Cancel a pending or confirmed order, releasing what it reserved. */
export const CancelOrderC = t.readonly(
  t.type({
    type: t.literal('CancelOrder'),
    id: OrderIdC,
    reason: t.union([CancelReasonC, t.null]),
    at: t.string,
  }),
  'CancelOrder',
);
export type CancelOrder = t.TypeOf<typeof CancelOrderC>;

/** The commands whose order-stream part the order decider decides (placing needs other streams: place-order.decision.ts). */
export type OrderTransition = ConfirmOrder | DeliverOrder | CancelOrder;
export type OrderCommand = PlaceOrder | OrderTransition;
