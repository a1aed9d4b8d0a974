import type { FastifyPluginAsync } from 'fastify';
import { inventoryModule, transferStock } from '@erpcore/application';
import { dayOf } from '@erpcore/domain';
import { getProductStock, listLedger, listStock } from '@erpcore/projections';
import { decodeOr400 } from '../http/decode.js';
import { decodeBody } from '../http/idempotency.js';
import { defaultListLimit } from '../http/list-query.js';
import { awaitReads } from '../http/min-position.js';
import { commandDoc, doc } from '../http/route-doc.js';
import {
  AdjustmentBodyC,
  LedgerQueryC,
  MovementBodyC,
  ReceiptMovementBodyC,
  ProductParamsC,
  StockListQueryC,
  TransferBodyC,
} from '../inventory/inventory-bodies.js';
import { executeCommand } from '../http/execute-command.js';
import { ledgerJson, productStockJson, stockListJson } from '../inventory/stock-json.js';
import { httpError } from '../http/http-error-codes.js';
import { postedMovementOf } from '../inventory/posted-movement.js';
import { postingKindsFor } from '../purchasing/erp-chart-kinds.js';
import { readHeaders } from '../openapi/header-schemas.js';
import {
  ledgerPageSchema,
  productStockSchema,
  stockPageSchema,
} from '../openapi/inventory-schemas.js';
import { commandAnswerSchema, decimalText, nullableText } from '../openapi/response-schemas.js';
import { readDbOf } from '../plugins/statement-count.plugin.js';

/** A movement's answer: the stock stream, what is on hand after it and the entry it posted. */
const stockAnswerSchema = commandAnswerSchema({
  balance: decimalText,
  journalEntryId: nullableText,
});

/** What every posted movement can be refused with, beside its own refusals. */
const movementErrors = [
  'unknown_product',
  'unknown_warehouse',
  'limit_exceeded',
  'period_locked',
] as const;

/** Stock per warehouse: movements (commands) and the three stock queries, each one statement. */
export const inventoryRoutes: FastifyPluginAsync = async (app) => {
  const postStockMovement = inventoryModule.useCases.postStockMovementUseCase(
    postingKindsFor(app.erp.client),
  );
  const movementDescription =
    "Valued at the moving average and posted with the movement (inventory against the stock-adjustment posting account) as journal entry `stock-<id>`; `date` defaults to today (UTC) and must be after the lock date. The answer's `id` is the stock stream's; `balance` is on hand after the movement; `journalEntryId` is null when the movement had no value.";

  app.post(
    '/stock/receipts',
    {
      schema: commandDoc('inventory', 'Receive stock into a warehouse', {
        operationId: 'receiveStock',
        description: `At \`unitCost\`, or at the moving average without one (Dr inventory / Cr stock adjustments). ${movementDescription}`,
        body: ReceiptMovementBodyC,
        example: {
          productId: 'FAB-001',
          warehouseId: 'W-MAIN',
          quantity: '10',
          unitCost: '4.25',
          reference: 'PO-7',
        },
        responses: { 200: stockAnswerSchema },
        errors: [...movementErrors],
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, ReceiptMovementBodyC);
      return executeCommand(request, reply, postStockMovement, {
        type: 'PostStockMovement',
        ...postedMovementOf(request, body),
        movement: {
          type: 'ReceiveStock',
          productId: body.productId,
          warehouseId: body.warehouseId,
          quantity: body.quantity,
          reference: body.reference ?? null,
          ...(body.unitCost === undefined ? {} : { unitCost: body.unitCost }),
        },
      });
    },
  );

  app.post(
    '/stock/issues',
    {
      schema: commandDoc('inventory', 'Issue stock from a warehouse (at most what is available)', {
        operationId: 'issueStock',
        description: `Dr stock adjustments / Cr inventory. ${movementDescription}`,
        body: MovementBodyC,
        example: { productId: 'FAB-001', warehouseId: 'W-MAIN', quantity: '10', reference: 'PO-7' },
        responses: { 200: stockAnswerSchema },
        errors: [...movementErrors, 'insufficient_stock'],
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, MovementBodyC);
      return executeCommand(request, reply, postStockMovement, {
        type: 'PostStockMovement',
        ...postedMovementOf(request, body),
        movement: {
          type: 'IssueStock',
          productId: body.productId,
          warehouseId: body.warehouseId,
          quantity: body.quantity,
          reference: body.reference ?? null,
        },
      });
    },
  );

  app.post(
    '/stock/adjustments',
    {
      schema: commandDoc('inventory', 'Set on-hand stock to a counted quantity', {
        operationId: 'adjustStock',
        description: `The difference is posted against stock adjustments at the moving average. ${movementDescription}`,
        body: AdjustmentBodyC,
        example: {
          productId: 'FAB-001',
          warehouseId: 'W-MAIN',
          countedQuantity: '8',
          reason: 'count',
        },
        responses: { 200: stockAnswerSchema },
        errors: [
          'unknown_product',
          'unknown_warehouse',
          'invalid_transition',
          'limit_exceeded',
          'period_locked',
        ],
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, AdjustmentBodyC);
      return executeCommand(request, reply, postStockMovement, {
        type: 'PostStockMovement',
        ...postedMovementOf(request, body),
        movement: {
          type: 'AdjustStock',
          productId: body.productId,
          warehouseId: body.warehouseId,
          countedQuantity: body.countedQuantity,
          reason: body.reason,
        },
      });
    },
  );

  app.post(
    '/stock/transfers',
    {
      schema: commandDoc('inventory', 'Move stock between two warehouses, atomically', {
        operationId: 'transferStock',
        description:
          "The answer's `id` is the transfer's; `position` is that of its last ledger row. Replaying a transfer id with the same content answers as the first; with other content it is 409.",
        body: TransferBodyC,
        example: {
          id: 'T-1',
          productId: 'FAB-001',
          fromWarehouseId: 'W-MAIN',
          toWarehouseId: 'W-2',
          quantity: '2',
        },
        responses: { 200: commandAnswerSchema() },
        errors: [
          'unknown_product',
          'unknown_warehouse',
          'insufficient_stock',
          'limit_exceeded',
          'period_locked',
        ],
      }),
    },
    async (request, reply) => {
      const body = decodeBody(request, TransferBodyC);
      return executeCommand(request, reply, transferStock, {
        type: 'TransferStock',
        transferId: body.id,
        productId: body.productId,
        fromWarehouseId: body.fromWarehouseId,
        toWarehouseId: body.toWarehouseId,
        quantity: body.quantity,
        date: body.date ?? dayOf(app.erp.now().toISOString()),
      });
    },
  );

  app.get(
    '/products/:id/stock',
    {
      schema: doc('inventory', "A product's stock: totals and per warehouse (one statement)", {
        operationId: 'getProductStock',
        role: 'auditor',
        headers: readHeaders,
        params: ProductParamsC,
        responses: { 200: productStockSchema },
        errors: ['not_found', 'projection_lagging'],
        serializeFromSchema: true,
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { id } = decodeOr400(ProductParamsC, request.params, 'params');
      await awaitReads(request, getProductStock);
      const stock = await getProductStock(readDbOf(request), id);
      if (stock === undefined) throw httpError('not_found', `no product ${id}`);
      return productStockJson(stock);
    },
  );

  app.get(
    '/stock',
    {
      schema: doc('inventory', 'Stock levels by product and warehouse', {
        operationId: 'listStock',
        role: 'auditor',
        headers: readHeaders,
        query: StockListQueryC,
        responses: { 200: stockPageSchema },
        errors: ['projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const query = decodeOr400(StockListQueryC, request.query, 'query');
      await awaitReads(request, listStock);
      return stockListJson(
        await listStock(readDbOf(request), {
          warehouseId: query.warehouseId,
          productId: query.productId,
          limit: query.limit ?? defaultListLimit,
          cursor: query.cursor,
        }),
      );
    },
  );

  app.get(
    '/products/:id/ledger',
    {
      schema: doc('inventory', "A product's stock movements with running balances, oldest first", {
        operationId: 'listProductLedger',
        role: 'auditor',
        headers: readHeaders,
        params: ProductParamsC,
        query: LedgerQueryC,
        responses: { 200: ledgerPageSchema },
        errors: ['not_found', 'projection_lagging'],
      }),
      config: { readDbOnly: true },
    },
    async (request) => {
      const { id } = decodeOr400(ProductParamsC, request.params, 'params');
      const query = decodeOr400(LedgerQueryC, request.query, 'query');
      await awaitReads(request, listLedger);
      const page = await listLedger(readDbOf(request), id, {
        warehouseId: query.warehouseId,
        limit: query.limit ?? defaultListLimit,
        cursor: query.cursor,
      });
      if (page === undefined) throw httpError('not_found', `no product ${id}`);
      return ledgerJson(page);
    },
  );
};
