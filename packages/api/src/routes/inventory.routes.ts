import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import { Quantity, stockEventC, streamIds, transferStreamId, type StockCommand, type TransferStock } from '@erpcore/domain';
import { decodeEvent } from '@erpcore/eventstore';
import { getProductStock, listLedger, listStock } from '@erpcore/projections';
import { commandContext } from '../http/command-context.js';
import { sendCommandAnswer } from '../http/command-response.js';
import { decodeOr400 } from '../http/decode.js';
import { DomainRefusal } from '../http/domain-refusal.js';
import { HttpError } from '../http/http-error.js';
import { idempotentIds } from '../http/idempotency.js';
import { defaultListLimit } from '../http/list-query.js';
import { awaitMinPosition } from '../http/min-position.js';
import { doc } from '../http/route-doc.js';
import { findIdempotentEvents } from '../http/run-command.js';
import { AdjustmentBodyC, LedgerQueryC, MovementBodyC, ProductParamsC, StockListQueryC, TransferBodyC } from '../inventory/inventory-bodies.js';
import { ledgerJson, productStockJson, stockListJson } from '../inventory/stock-json.js';
import { handleStockMovement } from '../inventory/stock-movement.handler.js';
import { handleTransfer } from '../inventory/transfer.handler.js';

/**
 * The answer of an identical earlier request (same `Idempotency-Key`), from the event it wrote
 * to the stock stream; undefined when there is none.
 */
const replayMovement = async (request: FastifyRequest, reply: FastifyReply, streamId: string): Promise<FastifyReply | undefined> => {
  if (request.headers['idempotency-key'] === undefined) return undefined;
  const mine = findIdempotentEvents(request, await request.server.erp.store.readStream(streamId));
  const last = mine[mine.length - 1];
  if (last === undefined) return undefined;
  const event = decodeEvent(stockEventC, last);
  return sendCommandAnswer(reply, { id: streamId, revision: last.revision, position: last.position }, { extras: { balance: Quantity.format(event.data.balanceAfter) } });
};

/**
 * Runs one stock movement and answers `{ id, revision, position, balance }`: `id` is the stock
 * stream (`stock-<productId>@<warehouseId>`, readable at /v1/streams/:id/events), `balance` the
 * on-hand quantity after the movement.
 */
const runMovement = async (request: FastifyRequest, reply: FastifyReply, command: StockCommand): Promise<FastifyReply> => {
  const result = await handleStockMovement(request.server.erp.store, command, commandContext(request));
  const streamId = streamIds.stock(command.productId, command.warehouseId);
  if (isLeft(result) || !result.right.appended) {
    const replayed = await replayMovement(request, reply, streamId);
    if (replayed !== undefined) return replayed;
    if (isLeft(result)) throw new DomainRefusal(result.left);
  }
  const { revision, position, state } = result.right;
  return sendCommandAnswer(reply, { id: streamId, revision, position }, { extras: { balance: Quantity.format(state.onHand) } });
};

/** The answer of an identical earlier transfer request, found by its derived event ids. */
const replayTransfer = async (request: FastifyRequest, reply: FastifyReply, command: TransferStock): Promise<FastifyReply | undefined> => {
  const ids = idempotentIds(request);
  if (ids === undefined) return undefined;
  const { store } = request.server.erp;
  // A retry after a lost race draws later ids of the sequence: look a little way along it.
  const mine = new Set(Array.from({ length: 64 }, (_x, n) => ids.idAt(n)));
  const [record] = await store.readStream(transferStreamId(command.transferId), { maxCount: 1 });
  if (record === undefined || !mine.has(record.eventId)) return undefined;
  // The answer's position is the last of the three events the append wrote.
  const halves = await Promise.all(
    [command.fromWarehouseId, command.toWarehouseId].map(async (w) => (await store.readStream(streamIds.stock(command.productId, w))).filter((e) => mine.has(e.eventId))),
  );
  const position = halves.flat().reduce((max, e) => (e.position > max ? e.position : max), record.position);
  return sendCommandAnswer(reply, { id: command.transferId, revision: record.revision, position });
};

/** Stock per warehouse: movements (commands) and the three stock queries, each one statement. */
export const inventoryRoutes: FastifyPluginAsync = async (app) => {
  app.post('/stock/receipts', { schema: doc('inventory', 'Receive stock into a warehouse') }, async (request, reply) => {
    const body = decodeOr400(MovementBodyC, request.body, 'body');
    return runMovement(request, reply, { type: 'ReceiveStock', productId: body.productId, warehouseId: body.warehouseId, quantity: body.quantity, reference: body.reference ?? null });
  });

  app.post('/stock/issues', { schema: doc('inventory', 'Issue stock from a warehouse (at most what is available)') }, async (request, reply) => {
    const body = decodeOr400(MovementBodyC, request.body, 'body');
    return runMovement(request, reply, { type: 'IssueStock', productId: body.productId, warehouseId: body.warehouseId, quantity: body.quantity, reference: body.reference ?? null });
  });

  app.post('/stock/adjustments', { schema: doc('inventory', 'Set on-hand stock to a counted quantity') }, async (request, reply) => {
    const body = decodeOr400(AdjustmentBodyC, request.body, 'body');
    return runMovement(request, reply, { type: 'AdjustStock', productId: body.productId, warehouseId: body.warehouseId, countedQuantity: body.countedQuantity, reason: body.reason });
  });

  app.post('/stock/transfers', { schema: doc('inventory', 'Move stock between two warehouses, atomically') }, async (request, reply) => {
    const body = decodeOr400(TransferBodyC, request.body, 'body');
    const command: TransferStock = {
      type: 'TransferStock',
      transferId: body.id,
      productId: body.productId,
      fromWarehouseId: body.fromWarehouseId,
      toWarehouseId: body.toWarehouseId,
      quantity: body.quantity,
    };
    const result = await handleTransfer(request.server.erp.store, command, commandContext(request));
    if (isLeft(result)) {
      const replayed = result.left.code === 'conflict' ? await replayTransfer(request, reply, command) : undefined;
      if (replayed !== undefined) return replayed;
      throw new DomainRefusal(result.left);
    }
    return sendCommandAnswer(reply, { id: result.right.transferId, revision: result.right.revision, position: result.right.position });
  });

  app.get('/products/:id/stock', { schema: doc('inventory', "A product's stock: totals and per warehouse (one statement)") }, async (request) => {
    const { id } = decodeOr400(ProductParamsC, request.params, 'params');
    await awaitMinPosition(request, ['products', 'stock_levels']);
    const stock = await getProductStock(app.erp.db, id);
    if (stock === undefined) throw new HttpError(404, 'not_found', `no product ${id}`);
    return productStockJson(stock);
  });

  app.get('/stock', { schema: doc('inventory', 'Stock levels by product and warehouse') }, async (request) => {
    const query = decodeOr400(StockListQueryC, request.query, 'query');
    await awaitMinPosition(request, ['stock_levels']);
    return stockListJson(
      await listStock(app.erp.db, { warehouseId: query.warehouseId, productId: query.productId, limit: query.limit ?? defaultListLimit, cursor: query.cursor }),
    );
  });

  app.get('/products/:id/ledger', { schema: doc('inventory', "A product's stock movements with running balances, oldest first") }, async (request) => {
    const { id } = decodeOr400(ProductParamsC, request.params, 'params');
    const query = decodeOr400(LedgerQueryC, request.query, 'query');
    await awaitMinPosition(request, ['products', 'stock_ledger']);
    const page = await listLedger(app.erp.db, id, { warehouseId: query.warehouseId, limit: query.limit ?? defaultListLimit, cursor: query.cursor });
    if (page === undefined) throw new HttpError(404, 'not_found', `no product ${id}`);
    return ledgerJson(page);
  });
};
