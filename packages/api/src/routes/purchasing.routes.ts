import type { FastifyPluginAsync } from 'fastify';
import {
  billPurchaseOrderUseCase,
  draftPurchaseOrderUseCase,
  paySupplierUseCase,
  purchaseOrderModel,
  receiveGoodsUseCase,
  registerSupplier,
  supplierModel,
  supplierOfPurchaseOrder,
  transitionPurchaseOrder,
} from '@erpcore/application';
import {
  Money,
  purchasingStreamIds,
  Quantity,
  UnitCost,
  type PurchaseOrderState,
  type SupplierState,
} from '@erpcore/domain';
import { loadStream } from '@erpcore/eventstore';
import { listPurchaseOrders, listSuppliers } from '@erpcore/projections';
import { EmptyBodyC } from '../accounting/accounting-bodies.js';
import { decodeOr400 } from '../http/decode.js';
import { httpError } from '../http/http-error-codes.js';
import { decodeBody } from '../http/idempotency.js';
import { commandDoc, postingErrors, doc } from '../http/route-doc.js';
import { defaultListLimit } from '../http/list-query.js';
import { awaitReads } from '../http/min-position.js';
import { executeCommand } from '../http/execute-command.js';
import {
  DraftPurchaseOrderBodyC,
  PurchaseOrderListQueryC,
  PurchaseOrderParamsC,
  ReceiptBodyC,
  RegisterSupplierBodyC,
  SupplierListQueryC,
  SupplierParamsC,
  SupplierPaymentBodyC,
} from '../purchasing/erp-bodies.js';
import { postingKindsFor } from '../purchasing/erp-chart-kinds.js';
import { readHeaders } from '../openapi/header-schemas.js';
import {
  purchaseOrderSchema,
  purchaseOrderStatusSchema,
  purchaseOrderListItemSchema,
  supplierSchema,
} from '../openapi/purchasing-schemas.js';
import { commandAnswerSchema, decimalText, pageSchema, text } from '../openapi/response-schemas.js';
import { readDbOf } from '../plugins/statement-count.plugin.js';

/**
 * Purchasing (issue 14): suppliers, purchase orders (draft → ordered → received → closed), goods
 * receipts into stock at cost, supplier bills and payments. Every command runs on the
 * application executor. One supplier or order is read from its own stream; the lists from their
 * read models (`supplier_balances`, `purchase_order_list`), one indexed statement each.
 */
export const purchasingRoutes: FastifyPluginAsync = async (app) => {
  const kinds = postingKindsFor(app.erp.client);
  const now = () => app.erp.now().toISOString();

  app.post(
    '/suppliers',
    {
      schema: commandDoc('purchasing', 'Register a supplier', {
        operationId: 'registerSupplier',
        body: RegisterSupplierBodyC,
        example: { id: 'SUP-1', name: 'Mill & Co' },
        responses: { 201: commandAnswerSchema() },
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, RegisterSupplierBodyC);
      return executeCommand(
        request,
        reply,
        registerSupplier,
        { type: 'RegisterSupplier', id: body.id, name: body.name },
        { created: true },
      );
    },
  );

  app.get(
    '/suppliers/:id',
    {
      schema: doc('purchasing', 'A supplier and what we owe them', {
        operationId: 'getSupplier',
        role: 'auditor',
        description: "Read from the supplier's own stream: current without `X-Min-Position`.",
        params: SupplierParamsC,
        responses: { 200: supplierSchema },
        errors: ['not_found'],
      }),
    },
    async (request) => {
      const { id } = decodeOr400(SupplierParamsC, request.params, 'params');
      const { state } = await loadStream(
        app.erp.store,
        purchasingStreamIds.supplier(id),
        supplierModel,
      );
      if (state.status === 'absent') throw httpError('not_found', `no supplier ${id}`);
      return supplierJson(state);
    },
  );

  app.get(
    '/suppliers',
    {
      schema: doc('purchasing', 'Suppliers by id with what we owe them; one indexed statement', {
        operationId: 'listSuppliers',
        role: 'auditor',
        headers: readHeaders,
        query: SupplierListQueryC,
        responses: { 200: pageSchema(supplierSchema) },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { limit, cursor } = decodeOr400(SupplierListQueryC, request.query, 'query');
      await awaitReads(request, listSuppliers);
      const page = await listSuppliers(readDbOf(request), {
        limit: limit ?? defaultListLimit,
        cursor,
      });
      return {
        items: page.items.map((s) => ({ ...s, balance: Money.format(s.balance) })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    '/purchase-orders',
    {
      schema: commandDoc('purchasing', 'Draft a purchase order', {
        operationId: 'draftPurchaseOrder',
        body: DraftPurchaseOrderBodyC,
        example: {
          id: 'PO-1',
          supplierId: 'SUP-1',
          warehouseId: 'W-MAIN',
          lines: [{ productId: 'FAB-001', quantity: '100', unitCost: '4.25' }],
        },
        responses: { 201: commandAnswerSchema() },
        errors: ['unknown_supplier', 'unknown_warehouse', 'unknown_product', 'limit_exceeded'],
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, DraftPurchaseOrderBodyC);
      const command = { type: 'DraftPurchaseOrder', ...body, at: now() } as const;
      return executeCommand(request, reply, draftPurchaseOrderUseCase(command), command, {
        created: true,
      });
    },
  );

  app.get(
    '/purchase-orders/:id',
    {
      schema: doc('purchasing', 'A purchase order', {
        operationId: 'getPurchaseOrder',
        role: 'auditor',
        description: "Read from the order's own stream: current without `X-Min-Position`.",
        params: PurchaseOrderParamsC,
        responses: { 200: purchaseOrderSchema },
        errors: ['not_found'],
      }),
    },
    async (request) => {
      const { id } = decodeOr400(PurchaseOrderParamsC, request.params, 'params');
      const { state } = await loadStream(
        app.erp.store,
        purchasingStreamIds.purchaseOrder(id),
        purchaseOrderModel,
      );
      if (state.status === 'absent') throw httpError('not_found', `no purchase order ${id}`);
      return purchaseOrderJson(state);
    },
  );

  app.get(
    '/purchase-orders',
    {
      schema: doc(
        'purchasing',
        'Purchase orders, newest first, optionally of one status; one indexed statement',
        {
          operationId: 'listPurchaseOrders',
          role: 'auditor',
          headers: readHeaders,
          query: PurchaseOrderListQueryC,
          responses: { 200: pageSchema(purchaseOrderListItemSchema) },
          errors: ['projection_lagging'],
        },
      ),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { status, limit, cursor } = decodeOr400(
        PurchaseOrderListQueryC,
        request.query,
        'query',
      );
      await awaitReads(request, listPurchaseOrders);
      const page = await listPurchaseOrders(readDbOf(request), {
        status,
        limit: limit ?? defaultListLimit,
        cursor,
      });
      return {
        items: page.items.map((o) => ({
          ...o,
          total: Money.format(o.total),
          receivedValue: Money.format(o.receivedValue),
          billedAmount: Money.format(o.billedAmount),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );

  for (const [action, type, operationId, summary] of [
    [
      'place',
      'PlacePurchaseOrder',
      'placePurchaseOrder',
      'Send a draft to the supplier (draft → ordered)',
    ],
    [
      'close',
      'ClosePurchaseOrder',
      'closePurchaseOrder',
      'Close an order: nothing more will be received',
    ],
  ] as const)
    app.post(
      `/purchase-orders/:id/${action}`,
      {
        schema: commandDoc('purchasing', summary, {
          operationId,
          params: PurchaseOrderParamsC,
          body: EmptyBodyC,
          example: {},
          responses: { 200: commandAnswerSchema({ status: purchaseOrderStatusSchema }) },
          errors: ['not_found', 'invalid_transition'],
        }),
      },
      async (request, reply) => {
        const { id } = decodeOr400(PurchaseOrderParamsC, request.params, 'params');
        decodeBody(request, EmptyBodyC);
        return executeCommand(request, reply, transitionPurchaseOrder, { type, id, at: now() });
      },
    );

  app.post(
    '/purchase-orders/:id/receipts',
    {
      schema: commandDoc(
        'purchasing',
        'Receive goods into stock at the order’s unit costs (Dr inventory / Cr GRNI)',
        {
          operationId: 'receiveGoods',
          description: "The answer's `id` is the receipt's.",
          params: PurchaseOrderParamsC,
          body: ReceiptBodyC,
          example: {
            id: 'GRN-1',
            date: '2024-05-02',
            lines: [{ productId: 'FAB-001', quantity: '40' }],
          },
          responses: {
            201: commandAnswerSchema(
              { journalEntryId: text },
              { orderId: text, value: decimalText },
            ),
          },
          errors: [
            'not_found',
            'invalid_transition',
            'unknown_product',
            'exceeds_remaining',
            ...postingErrors,
          ],
        },
      ),
    },
    async (request, reply) => {
      const { id } = decodeOr400(PurchaseOrderParamsC, request.params, 'params');
      const body = decodeBody(request, ReceiptBodyC);
      const command = {
        type: 'ReceiveGoods',
        orderId: id,
        receiptId: body.id,
        date: body.date,
        lines: body.lines,
      } as const;
      const useCase = await receiveGoodsUseCase(app.erp.store, kinds, command);
      return executeCommand(request, reply, useCase, command, { created: true });
    },
  );

  app.post(
    '/purchase-orders/:id/bills',
    {
      schema: commandDoc(
        'purchasing',
        'Record the supplier’s bill for received quantities (Dr GRNI / Cr payable)',
        {
          operationId: 'billPurchaseOrder',
          description: "The answer's `id` is the bill's.",
          params: PurchaseOrderParamsC,
          body: ReceiptBodyC,
          example: {
            id: 'BILL-1',
            date: '2024-05-03',
            lines: [{ productId: 'FAB-001', quantity: '40' }],
          },
          responses: { 201: commandAnswerSchema({ orderId: text, journalEntryId: text }) },
          errors: [
            'not_found',
            'invalid_transition',
            'unknown_product',
            'exceeds_remaining',
            ...postingErrors,
          ],
        },
      ),
    },
    async (request, reply) => {
      const { id } = decodeOr400(PurchaseOrderParamsC, request.params, 'params');
      const body = decodeBody(request, ReceiptBodyC);
      const supplierId = await supplierOfPurchaseOrder(app.erp.store, id);
      if (supplierId === undefined) throw httpError('not_found', `no purchase order ${id}`);
      const command = {
        type: 'BillPurchaseOrder',
        orderId: id,
        billId: body.id,
        date: body.date,
        lines: body.lines,
      } as const;
      return executeCommand(request, reply, billPurchaseOrderUseCase(kinds, supplierId), command, {
        created: true,
      });
    },
  );

  app.post(
    '/supplier-payments',
    {
      schema: commandDoc('purchasing', 'Pay a supplier (Dr payable / Cr cash)', {
        operationId: 'paySupplier',
        description: "The answer's `id` is the payment's.",
        body: SupplierPaymentBodyC,
        example: { id: 'SPAY-1', supplierId: 'SUP-1', amount: '170.00', date: '2024-05-10' },
        responses: { 201: commandAnswerSchema({ supplierId: text, journalEntryId: text }) },
        errors: ['unknown_supplier', ...postingErrors],
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, SupplierPaymentBodyC);
      const command = {
        type: 'PaySupplier',
        supplierId: body.supplierId,
        paymentId: body.id,
        amount: body.amount,
        date: body.date,
      } as const;
      return executeCommand(request, reply, paySupplierUseCase(kinds), command, { created: true });
    },
  );
};

const supplierJson = (s: Exclude<SupplierState, { status: 'absent' }>) => ({
  id: s.id,
  name: s.name,
  balance: Money.format(s.balance),
});

const purchaseOrderJson = (o: Exclude<PurchaseOrderState, { status: 'absent' }>) => ({
  id: o.id,
  status: o.status,
  supplierId: o.supplierId,
  warehouseId: o.warehouseId,
  lines: o.lines.map((l) => ({
    productId: l.productId,
    quantity: Quantity.format(l.quantity),
    unitCost: UnitCost.format(l.unitCost),
    received: Quantity.format(l.received),
    billed: Quantity.format(l.billed),
  })),
  receiptIds: o.receiptIds,
  billIds: o.billIds,
});
