import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import {
  CancelReasonC,
  IdC,
  Money,
  OrderIdC,
  CustomerIdC,
  ProductIdC,
  WarehouseIdC,
  cancelOrder,
  confirmOrder,
  deliverOrder,
  deliveryJournalEntryId,
  placeOrder,
  stockNeedsOf,
  settingsStreamId,
  streamIds,
  type ChartState,
  type SettingsState,
  type CustomerState,
  type DeliverOrderOutcome,
  type DomainError,
  type JournalState,
  type OrderId,
  type OrderState,
  type ProductState,
  type StockState,
  type WarehouseState,
} from '@erpcore/domain';
import { loadStream } from '@erpcore/eventstore';
import { getOrder, listOrders } from '@erpcore/projections';
import {
  amountWithinBounds,
  BodyPriceC,
  BodyQuantityC,
  maxWholeDigits,
} from '../http/decimal-bounds.js';
import { decodeOr400, strictObject } from '../http/decode.js';
import { decodeBody } from '../http/idempotency.js';
import { validationFailed } from '../http/http-error.js';
import { listQueryProps } from '../http/list-query.js';
import { awaitMinPosition } from '../http/min-position.js';
import { doc } from '../http/route-doc.js';
import { runMultiStreamCommand, type StreamWrite } from '../sales/run-multi-stream.js';
import { withSystemAccounts } from '../sales/seed-sales-chart.js';
import {
  chartModel,
  customerModel,
  journalModel,
  orderModel,
  productModel,
  settingsModel,
  stockModel,
  warehouseModel,
  type AnyStreamModel,
} from '../sales/sales-stream-models.js';
import { httpError } from '../http/http-error-codes.js';

/**
 * One line of `POST /v1/orders`, strict like every body (the domain's OrderItemC lets unknown
 * keys through, and they would be stored in the event): a typo such as `discount` is a 400.
 */
const OrderItemBodyC = strictObject('OrderItemBody', {
  productId: ProductIdC,
  quantity: BodyQuantityC,
  unitPrice: BodyPriceC,
});
/** 1–200 lines, as the domain's OrderItemsC. */
const OrderItemsBodyC = t.refinement(
  t.readonlyArray(OrderItemBodyC),
  (items) => items.length >= 1 && items.length <= 200,
  'OrderItems (1–200 lines)',
);
const PlaceOrderBodyC = strictObject('PlaceOrderBody', {
  id: OrderIdC,
  customerId: CustomerIdC,
  branchId: IdC,
  salespersonId: IdC,
  warehouseId: WarehouseIdC,
  items: OrderItemsBodyC,
});
const EmptyBodyC = strictObject('EmptyBody', {});
const CancelBodyC = strictObject('CancelBody', {}, { reason: t.union([CancelReasonC, t.null]) });
const IdParamsC = strictObject('IdParams', { id: OrderIdC });
const OrderStatusC = t.keyof(
  { pending: null, confirmed: null, delivered: null, cancelled: null },
  'OrderStatus',
);
const ListOrdersQueryC = strictObject(
  'ListOrdersQuery',
  {},
  {
    status: OrderStatusC,
    branchId: IdC,
    customerId: CustomerIdC,
    salespersonId: IdC,
    ...listQueryProps,
  },
);

type Transition = 'confirm' | 'deliver' | 'cancel';

/** The stock streams an order's lines touch, keyed by product id. */
const stockStreamsOf = (order: OrderState): ReadonlyMap<string, string> =>
  new Map(
    order.status === 'absent'
      ? []
      : stockNeedsOf(order).map(
          (n) => [n.productId, streamIds.stock(n.productId, n.warehouseId)] as const,
        ),
  );

const stockStates = (
  streams: ReadonlyMap<string, string>,
  states: Readonly<Record<string, unknown>>,
): ReadonlyMap<string, StockState> =>
  new Map([...streams].map(([productId, streamId]) => [productId, states[streamId] as StockState]));

const stockWrites = (
  writes: ReadonlyArray<{ productId: string; warehouseId: string; events: StreamWrite['events'] }>,
): StreamWrite[] =>
  writes.map((w) => ({ streamId: streamIds.stock(w.productId, w.warehouseId), events: w.events }));

/** Orders: placing, the confirm → deliver flow or cancelling, and the list of orders with their items. */
export const ordersRoutes: FastifyPluginAsync = async (app) => {
  app.post(
    '/orders',
    { schema: doc('sales', 'Place an order (pending)') },
    async (request, reply) => {
      const body = decodeBody(request, PlaceOrderBodyC);
      const total = Money.sum(body.items.map((i) => Money.times(i.quantity, i.unitPrice)));
      if (!amountWithinBounds(total))
        throw validationFailed([
          {
            path: 'body.items',
            message: `the order's total must have at most ${maxWholeDigits} digits before the point`,
          },
        ]);
      const orderStream = streamIds.order(body.id);
      const customerStream = streamIds.customer(body.customerId);
      const warehouseStream = streamIds.warehouse(body.warehouseId);
      const productStreams = new Map(
        body.items.map((i) => [i.productId, streamIds.product(i.productId)] as const),
      );
      const streams: Record<string, AnyStreamModel> = {
        [orderStream]: orderModel,
        [customerStream]: customerModel,
        [warehouseStream]: warehouseModel,
      };
      for (const streamId of productStreams.values()) streams[streamId] = productModel;
      return runMultiStreamCommand(request, reply, {
        streams,
        // Only the order stream is written; the others are read to refuse unknown references and copy names.
        decide: (states) =>
          E.map((events: StreamWrite['events']) => [{ streamId: orderStream, events }])(
            placeOrder(
              { type: 'PlaceOrder', ...body, at: app.erp.now().toISOString() },
              {
                order: states[orderStream] as OrderState,
                customer: states[customerStream] as CustomerState,
                warehouse: states[warehouseStream] as WarehouseState,
                products: new Map(
                  [...productStreams].map(([productId, streamId]) => [
                    productId,
                    states[streamId] as ProductState,
                  ]),
                ),
              },
            ),
          ),
        id: body.id,
        primaryStreamId: orderStream,
        writes: [orderStream],
        created: true,
        extras: (outcome) =>
          orderExtras(
            outcome.streams.find((s) => s.streamId === orderStream)?.state as
              OrderState | undefined,
          ),
      });
    },
  );

  const transition = (kind: Transition) => async (request: FastifyRequest, reply: FastifyReply) => {
    const { id } = decodeOr400(IdParamsC, request.params, 'params');
    const body = decodeOr400(
      kind === 'cancel' ? CancelBodyC : EmptyBodyC,
      request.body ?? {},
      'body',
    ) as { reason?: string | null };
    const orderStream = streamIds.order(id);
    // Which stock (and customer) streams the decision touches follows from the order's lines, which never change once placed.
    const current = (await loadStream(app.erp.store, orderStream, orderModel)).state as OrderState;
    if (current.status === 'absent') throw httpError('not_found', `no order ${id}`);
    const stock = stockStreamsOf(current);
    const streams: Record<string, AnyStreamModel> = { [orderStream]: orderModel };
    for (const streamId of stock.values()) streams[streamId] = stockModel;
    const at = app.erp.now().toISOString();
    let decide: (
      states: Readonly<Record<string, unknown>>,
    ) => E.Either<DomainError, readonly StreamWrite[]>;
    if (kind === 'confirm') {
      decide = (states) =>
        E.map((o: { order: StreamWrite['events']; stock: Parameters<typeof stockWrites>[0] }) => [
          { streamId: orderStream, events: o.order },
          ...stockWrites(o.stock),
        ])(
          confirmOrder(
            { type: 'ConfirmOrder', id, at },
            { order: states[orderStream] as OrderState, stock: stockStates(stock, states) },
          ),
        );
    } else if (kind === 'cancel') {
      decide = (states) =>
        E.map((o: { order: StreamWrite['events']; stock: Parameters<typeof stockWrites>[0] }) => [
          { streamId: orderStream, events: o.order },
          ...stockWrites(o.stock),
        ])(
          cancelOrder(
            { type: 'CancelOrder', id, reason: body.reason ?? null, at },
            { order: states[orderStream] as OrderState, stock: stockStates(stock, states) },
          ),
        );
    } else {
      const customerStream = streamIds.customer(current.customerId);
      const chartStream = streamIds.chart();
      const journalStream = streamIds.journal(deliveryJournalEntryId(id as OrderId));
      const settingsStream = settingsStreamId();
      streams[customerStream] = customerModel;
      streams[chartStream] = chartModel(app.erp.client);
      streams[journalStream] = journalModel;
      streams[settingsStream] = settingsModel;
      decide = (states) => {
        const chart = withSystemAccounts(states[chartStream] as ChartState);
        return E.map((o: DeliverOrderOutcome) => [
          { streamId: orderStream, events: o.order },
          ...stockWrites(o.stock),
          { streamId: customerStream, events: o.customer },
          { streamId: chartStream, events: [...chart.seed, ...o.chart] },
          { streamId: journalStream, events: o.journal },
        ])(
          deliverOrder(
            { type: 'DeliverOrder', id, at },
            {
              order: states[orderStream] as OrderState,
              stock: stockStates(stock, states),
              customer: states[customerStream] as CustomerState,
              chart: chart.chart,
              journal: states[journalStream] as JournalState,
              settings: states[settingsStream] as SettingsState,
            },
          ),
        );
      };
    }
    return runMultiStreamCommand(request, reply, {
      streams,
      // Settings are read, not written: no queue on `settings-main` for every order.
      writes: Object.keys(streams).filter((s) => s !== settingsStreamId()),
      decide,
      id,
      primaryStreamId: orderStream,
      extras: (outcome) =>
        orderExtras(
          outcome.streams.find((s) => s.streamId === orderStream)?.state as OrderState | undefined,
        ),
    });
  };

  app.post(
    '/orders/:id/confirm',
    { schema: doc('sales', 'Confirm an order: reserve every line or nothing') },
    transition('confirm'),
  );
  app.post(
    '/orders/:id/deliver',
    { schema: doc('sales', 'Deliver an order: issue stock, post the sale, raise the balance') },
    transition('deliver'),
  );
  app.post(
    '/orders/:id/cancel',
    { schema: doc('sales', 'Cancel an order, releasing its reservations') },
    transition('cancel'),
  );

  app.get('/orders/:id', { schema: doc('sales', 'An order with its items') }, async (request) => {
    const { id } = decodeOr400(IdParamsC, request.params, 'params');
    await awaitMinPosition(request, ['order_list']);
    const order = await getOrder(app.erp.db, id);
    if (order === undefined) throw httpError('not_found', `no order ${id}`);
    return order;
  });

  app.get(
    '/orders',
    {
      schema: doc(
        'sales',
        'Orders with their items, newest first, filtered; one indexed statement',
      ),
    },
    async (request) => {
      const query = decodeOr400(ListOrdersQueryC, request.query, 'query');
      await awaitMinPosition(request, ['order_list']);
      const { status, branchId, customerId, salespersonId, limit, cursor } = query;
      return listOrders(app.erp.db, {
        ...(status === undefined ? {} : { status }),
        ...(branchId === undefined ? {} : { branchId }),
        ...(customerId === undefined ? {} : { customerId }),
        ...(salespersonId === undefined ? {} : { salespersonId }),
        ...(limit === undefined ? {} : { limit }),
        ...(cursor === undefined ? {} : { cursor }),
      });
    },
  );
};

/** What a sales command answers beside id, revision and position: the order's status and total. */
const orderExtras = (state: OrderState | undefined): Readonly<Record<string, unknown>> =>
  state === undefined || state.status === 'absent'
    ? {}
    : { status: state.status, total: Money.format(state.total) };
