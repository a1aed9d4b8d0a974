import type { FastifyPluginAsync } from 'fastify';
import { moveStock, transferStock } from '@erpcore/application';
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
  ProductParamsC,
  StockListQueryC,
  TransferBodyC,
} from '../inventory/inventory-bodies.js';
import { executeCommand } from '../http/execute-command.js';
import { ledgerJson, productStockJson, stockListJson } from '../inventory/stock-json.js';
import { httpError } from '../http/http-error-codes.js';

/** Stock per warehouse: movements (commands) and the three stock queries, each one statement. */
export const inventoryRoutes: FastifyPluginAsync = async (app) => {
  // Receipts and issues take the same body and differ only in the command they run.
  const movements = [
    { path: '/stock/receipts', type: 'ReceiveStock', summary: 'Receive stock into a warehouse' },
    {
      path: '/stock/issues',
      type: 'IssueStock',
      summary: 'Issue stock from a warehouse (at most what is available)',
    },
  ] as const;
  for (const { path, type, summary } of movements)
    app.post(path, { schema: doc('inventory', summary) }, async (request, reply) => {
      const body = decodeBody(request, MovementBodyC);
      return executeCommand(request, reply, moveStock, {
        type,
        productId: body.productId,
        warehouseId: body.warehouseId,
        quantity: body.quantity,
        reference: body.reference ?? null,
      });
    });

  app.post(
    '/stock/adjustments',
    { schema: doc('inventory', 'Set on-hand stock to a counted quantity') },
    async (request, reply) => {
      const body = decodeBody(request, AdjustmentBodyC);
      return executeCommand(request, reply, moveStock, {
        type: 'AdjustStock',
        productId: body.productId,
        warehouseId: body.warehouseId,
        countedQuantity: body.countedQuantity,
        reason: body.reason,
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
