import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  Quantity,
  stockEventC,
  streamIds,
  transferStreamId,
  type StockCommand,
  type TransferStock,
} from '@erpcore/domain';
import { decodeEvent } from '@erpcore/eventstore';
import { commandContext } from '../http/command-context.js';
import { sendCommandAnswer } from '../http/command-response.js';
import { DomainRefusal } from '../http/domain-refusal.js';
import { idempotentIds } from '../http/idempotency.js';
import { findIdempotentEvents } from '../http/run-command.js';
import { handleStockMovement } from './stock-movement.handler.js';
import { handleTransfer } from './transfer.handler.js';

/**
 * The answer of an identical earlier request (same `Idempotency-Key`), from the event it wrote
 * to the stock stream; undefined when there is none.
 */
const replayMovement = async (
  request: FastifyRequest,
  reply: FastifyReply,
  streamId: string,
): Promise<FastifyReply | undefined> => {
  if (request.headers['idempotency-key'] === undefined) return undefined;
  const mine = findIdempotentEvents(request, await request.server.erp.store.readStream(streamId));
  const last = mine[mine.length - 1];
  if (last === undefined) return undefined;
  const event = decodeEvent(stockEventC, last);
  return sendCommandAnswer(
    reply,
    { id: streamId, revision: last.revision, position: last.position },
    { extras: { balance: Quantity.format(event.data.balanceAfter) } },
  );
};

/**
 * Runs one stock movement and answers `{ id, revision, position, balance }`: `id` is the stock
 * stream (`stock-<productId>@<warehouseId>`, readable at /v1/streams/:id/events), `balance` the
 * on-hand quantity after the movement.
 */
export const runMovement = async (
  request: FastifyRequest,
  reply: FastifyReply,
  command: StockCommand,
): Promise<FastifyReply> => {
  const result = await handleStockMovement(
    request.server.erp.store,
    command,
    commandContext(request),
  );
  const streamId = streamIds.stock(command.productId, command.warehouseId);
  if (isLeft(result) || !result.right.appended) {
    const replayed = await replayMovement(request, reply, streamId);
    if (replayed !== undefined) return replayed;
    if (isLeft(result)) throw new DomainRefusal(result.left);
  }
  const { revision, position, state } = result.right;
  return sendCommandAnswer(
    reply,
    { id: streamId, revision, position },
    { extras: { balance: Quantity.format(state.onHand) } },
  );
};

/** The answer of an identical earlier transfer request, found by its derived event ids. */
const replayTransfer = async (
  request: FastifyRequest,
  reply: FastifyReply,
  command: TransferStock,
): Promise<FastifyReply | undefined> => {
  const ids = idempotentIds(request);
  if (ids === undefined) return undefined;
  const { store } = request.server.erp;
  // A retry after a lost race draws later ids of the sequence: look a little way along it.
  const mine = new Set(Array.from({ length: 64 }, (_x, n) => ids.idAt(n)));
  const [record] = await store.readStream(transferStreamId(command.transferId), { maxCount: 1 });
  if (record === undefined || !mine.has(record.eventId)) return undefined;
  // The answer's position is the last of the three events the append wrote.
  const halves = await Promise.all(
    [command.fromWarehouseId, command.toWarehouseId].map(async (w) =>
      (await store.readStream(streamIds.stock(command.productId, w))).filter((e) =>
        mine.has(e.eventId),
      ),
    ),
  );
  const position = halves
    .flat()
    .reduce((max, e) => (e.position > max ? e.position : max), record.position);
  return sendCommandAnswer(reply, { id: command.transferId, revision: record.revision, position });
};

/** Runs a transfer and answers `{ id, revision, position }`, `id` being the transfer's id. */
export const runTransfer = async (
  request: FastifyRequest,
  reply: FastifyReply,
  command: TransferStock,
): Promise<FastifyReply> => {
  const result = await handleTransfer(request.server.erp.store, command, commandContext(request));
  if (isLeft(result)) {
    const replayed =
      result.left.code === 'conflict' ? await replayTransfer(request, reply, command) : undefined;
    if (replayed !== undefined) return replayed;
    throw new DomainRefusal(result.left);
  }
  return sendCommandAnswer(reply, {
    id: result.right.transferId,
    revision: result.right.revision,
    position: result.right.position,
  });
};
