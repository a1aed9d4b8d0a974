import type { FastifyPluginAsync } from 'fastify';
import * as t from 'io-ts';
import {
  CancelReasonC,
  IdC,
  Money,
  OrderIdC,
  CustomerIdC,
  ProductIdC,
  WarehouseIdC,
} from '@erpcore/domain';
import { orderRefOf, salesModule, type OrderRef } from '@erpcore/application';
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
import { awaitReads } from '../http/min-position.js';
import { commandDoc, doc } from '../http/route-doc.js';
import { executeCommand } from '../http/execute-command.js';
import { httpError } from '../http/http-error-codes.js';
import { readHeaders } from '../openapi/header-schemas.js';
import { commandAnswerSchema, pageSchema } from '../openapi/response-schemas.js';
import { orderAnswerExtras, orderSchema } from '../openapi/sales-schemas.js';
import { readDbOf } from '../plugins/statement-count.plugin.js';

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

/** Orders: placing, the confirm → deliver flow or cancelling, and the list of orders with their items. */
export const ordersRoutes: FastifyPluginAsync = async (app) => {
  const useCases = salesModule.useCases(app.erp.client);

  app.post(
    '/orders',
    {
      schema: commandDoc('sales', 'Place an order (pending)', {
        operationId: 'placeOrder',
        body: PlaceOrderBodyC,
        example: {
          id: 'SO-1',
          customerId: 'C-1',
          branchId: 'B1',
          salespersonId: 'S1',
          warehouseId: 'W-MAIN',
          items: [{ productId: 'FAB-001', quantity: '3', unitPrice: '12.50' }],
        },
        responses: { 201: commandAnswerSchema(orderAnswerExtras) },
        errors: ['unknown_customer', 'unknown_warehouse', 'unknown_product', 'limit_exceeded'],
      }),
    },
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
      return executeCommand(
        request,
        reply,
        useCases.placeOrder,
        { type: 'PlaceOrder', ...body, at: app.erp.now().toISOString() },
        { created: true },
      );
    },
  );

  /** The order's stock streams and customer (its lines never change once placed); 404 without it. */
  const orderRef = async (id: string): Promise<OrderRef> => {
    const found = await orderRefOf(app.erp.store, id);
    if (found === undefined) throw httpError('not_found', `no order ${id}`);
    return found;
  };

  app.post(
    '/orders/:id/confirm',
    {
      schema: commandDoc('sales', 'Confirm an order: reserve every line or nothing', {
        operationId: 'confirmOrder',
        params: IdParamsC,
        body: EmptyBodyC,
        example: {},
        responses: { 200: commandAnswerSchema(orderAnswerExtras) },
        errors: ['not_found', 'invalid_transition', 'insufficient_stock', 'credit_limit_exceeded'],
      }),
    },
    async (request, reply) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      decodeOr400(EmptyBodyC, request.body ?? {}, 'body');
      const command = { type: 'ConfirmOrder', id, at: app.erp.now().toISOString() } as const;
      return executeCommand(request, reply, useCases.confirmOrder, {
        command,
        order: await orderRef(id),
      });
    },
  );
  app.post(
    '/orders/:id/deliver',
    {
      schema: commandDoc(
        'sales',
        'Deliver an order: issue stock, post the sale, raise the balance',
        {
          operationId: 'deliverOrder',
          params: IdParamsC,
          body: EmptyBodyC,
          example: {},
          responses: { 200: commandAnswerSchema(orderAnswerExtras) },
          errors: [
            'not_found',
            'invalid_transition',
            'insufficient_stock',
            'unknown_account',
            'account_closed',
            'period_locked',
          ],
        },
      ),
    },
    async (request, reply) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      decodeOr400(EmptyBodyC, request.body ?? {}, 'body');
      const command = { type: 'DeliverOrder', id, at: app.erp.now().toISOString() } as const;
      return executeCommand(request, reply, useCases.deliverOrder, {
        command,
        order: await orderRef(id),
      });
    },
  );
  app.post(
    '/orders/:id/cancel',
    {
      schema: commandDoc('sales', 'Cancel an order, releasing its reservations', {
        operationId: 'cancelOrder',
        params: IdParamsC,
        body: CancelBodyC,
        example: { reason: 'customer changed their mind' },
        responses: { 200: commandAnswerSchema(orderAnswerExtras) },
        errors: ['not_found', 'invalid_transition'],
      }),
    },
    async (request, reply) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      const { reason } = decodeOr400(CancelBodyC, request.body ?? {}, 'body');
      const command = {
        type: 'CancelOrder',
        id,
        reason: reason ?? null,
        at: app.erp.now().toISOString(),
      } as const;
      return executeCommand(request, reply, useCases.cancelOrder, {
        command,
        order: await orderRef(id),
      });
    },
  );
  app.get(
    '/orders/:id',
    {
      schema: doc('sales', 'An order with its items', {
        operationId: 'getOrder',
        role: 'auditor',
        headers: readHeaders,
        params: IdParamsC,
        responses: { 200: orderSchema },
        errors: ['not_found', 'projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { id } = decodeOr400(IdParamsC, request.params, 'params');
      await awaitReads(request, getOrder);
      const order = await getOrder(readDbOf(request), id);
      if (order === undefined) throw httpError('not_found', `no order ${id}`);
      return order;
    },
  );

  app.get(
    '/orders',
    {
      schema: doc(
        'sales',
        'Orders with their items, newest first, filtered; one indexed statement',
        {
          operationId: 'listOrders',
          role: 'auditor',
          headers: readHeaders,
          query: ListOrdersQueryC,
          responses: { 200: pageSchema(orderSchema) },
          errors: ['projection_lagging'],
        },
      ),
      config: { readDbOnly: true },
    },
    async (request) => {
      const query = decodeOr400(ListOrdersQueryC, request.query, 'query');
      await awaitReads(request, listOrders);
      const { status, branchId, customerId, salespersonId, limit, cursor } = query;
      return listOrders(readDbOf(request), {
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
