import type { FastifyPluginAsync } from 'fastify';
import { inventoryModule, transferStock } from '@erpcore/application';
import { dayOf } from '@erpcore/domain';
import { getProductStock, listLedger, listStock } from '@erpcore/projections';
import { decodeOr400 } from '../http/decode.js';
import { decodeBody } from '../http/idempotency.js';
import { defaultListLimit } from '../http/list-query.js';
import { awaitReads } from '../http/min-position.js';
import { doc } from '../http/route-doc.js';
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

/**
 * Stock per warehouse: movements (commands) and the three stock queries, each one statement.
 * Receipts, issues and counts are valued at the moving average and posted to the ledger with the
 * movement (inventory against the stock-adjustment posting account), refused before the lock date.
 */
export const inventoryRoutes: FastifyPluginAsync = async (app) => {
  const postStockMovement = inventoryModule.useCases.postStockMovementUseCase(
    postingKindsFor(app.erp.client),
  );

  app.post(
    '/stock/receipts',
    {
      schema: doc(
        'inventory',
        'Receive stock into a warehouse (at unitCost, or the moving average; Dr inventory / Cr stock adjustments)',
      ),
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
      schema: doc(
        'inventory',
        'Issue stock from a warehouse, at most what is available (Dr stock adjustments / Cr inventory at the moving average)',
      ),
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
      schema: doc(
        'inventory',
        'Set on-hand stock to a counted quantity (the difference posted against stock adjustments)',
      ),
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
    { schema: doc('inventory', 'Move stock between two warehouses, atomically') },
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
    { schema: doc('inventory', "A product's stock: totals and per warehouse (one statement)") },
    async (request) => {
      const { id } = decodeOr400(ProductParamsC, request.params, 'params');
      await awaitReads(request, getProductStock);
      const stock = await getProductStock(app.erp.db, id);
      if (stock === undefined) throw httpError('not_found', `no product ${id}`);
      return productStockJson(stock);
    },
  );

  app.get(
    '/stock',
    { schema: doc('inventory', 'Stock levels by product and warehouse') },
    async (request) => {
      const query = decodeOr400(StockListQueryC, request.query, 'query');
      await awaitReads(request, listStock);
      return stockListJson(
        await listStock(app.erp.db, {
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
    { schema: doc('inventory', "A product's stock movements with running balances, oldest first") },
    async (request) => {
      const { id } = decodeOr400(ProductParamsC, request.params, 'params');
      const query = decodeOr400(LedgerQueryC, request.query, 'query');
      await awaitReads(request, listLedger);
      const page = await listLedger(app.erp.db, id, {
        warehouseId: query.warehouseId,
        limit: query.limit ?? defaultListLimit,
        cursor: query.cursor,
      });
      if (page === undefined) throw httpError('not_found', `no product ${id}`);
      return ledgerJson(page);
    },
  );
};
