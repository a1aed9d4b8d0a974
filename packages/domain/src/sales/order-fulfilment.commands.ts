import * as t from 'io-ts';
import { IdC, OrderIdC, ProductIdC } from '../shared/id.js';
import { PositiveQuantityC } from '../shared/quantity.js';

const FulfilmentRequestLinesC = t.refinement(
  t.readonlyArray(t.readonly(t.type({ productId: ProductIdC, quantity: PositiveQuantityC }))),
  (lines) =>
    lines.length >= 1 &&
    lines.length <= 200 &&
    new Set(lines.map((l) => l.productId)).size === lines.length,
  'FulfilmentRequestLines',
);

/** Deliver part of a confirmed order: some quantity of some products (one line per product). */
export const DeliverOrderLinesC = t.readonly(
  t.type({
    type: t.literal('DeliverOrderLines'),
    id: OrderIdC,
    deliveryId: IdC,
    lines: FulfilmentRequestLinesC,
    at: t.string,
  }),
  'DeliverOrderLines',
);
export type DeliverOrderLines = t.TypeOf<typeof DeliverOrderLinesC>;

/** Take back delivered goods (at most what was delivered and not yet returned, per product). */
export const ReturnOrderLinesC = t.readonly(
  t.type({
    type: t.literal('ReturnOrderLines'),
    id: OrderIdC,
    returnId: IdC,
    lines: FulfilmentRequestLinesC,
    at: t.string,
  }),
  'ReturnOrderLines',
);
export type ReturnOrderLines = t.TypeOf<typeof ReturnOrderLinesC>;
