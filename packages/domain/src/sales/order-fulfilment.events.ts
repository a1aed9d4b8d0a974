import * as t from 'io-ts';
import { IdC, JournalEntryIdC, OrderIdC, ProductIdC } from '../shared/id.js';
import { NonNegativeMoneyC } from '../shared/money.js';
import { PositiveQuantityC } from '../shared/quantity.js';

/**
 * One product's part of a delivery or a return: the quantity, its share of the order's revenue
 * (`amount`) and the stock value that moved with it (`cost`, at the moving average going out, at
 * the delivered cost coming back), all exact cents.
 */
export const FulfilmentLineC = t.readonly(
  t.type({
    productId: ProductIdC,
    quantity: PositiveQuantityC,
    amount: NonNegativeMoneyC,
    cost: NonNegativeMoneyC,
  }),
  'FulfilmentLine',
);
export type FulfilmentLine = t.TypeOf<typeof FulfilmentLineC>;

const fulfilment = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.readonly(
    t.type({
      type: t.literal(type),
      data: t.readonly(
        t.type({
          id: OrderIdC,
          ...props,
          lines: t.readonlyArray(FulfilmentLineC),
          amount: NonNegativeMoneyC,
          cost: NonNegativeMoneyC,
          journalEntryId: t.union([JournalEntryIdC, t.null]),
          at: t.string,
        }),
      ),
    }),
    type,
  );

/**
 * Part of a confirmed order left (a delivery with lines): its stock shipped from the reservation,
 * the customer charged `amount`, revenue and COGS posted in `journalEntryId`. When it completes
 * the order, an `OrderDelivered` follows in the same append.
 */
export const OrderLinesDeliveredC = fulfilment('OrderLinesDelivered', { deliveryId: IdC });
export type OrderLinesDelivered = t.TypeOf<typeof OrderLinesDeliveredC>;

/** Delivered goods came back: stock received at the cost they left at, revenue and debt reduced. */
export const OrderLinesReturnedC = fulfilment('OrderLinesReturned', { returnId: IdC });
export type OrderLinesReturned = t.TypeOf<typeof OrderLinesReturnedC>;
