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
import { decodeEvent, type StoredEvent } from '@erpcore/eventstore';
import { commandContext } from '../http/command-context.js';
import { sendCommandAnswer } from '../http/command-response.js';
import { DomainRefusal } from '../http/domain-refusal.js';
import { findPriorAttempt, runOrReplay } from '../http/idempotency.js';
import { handleStockMovement } from './stock-movement.handler.js';
import { handleTransfer } from './transfer.handler.js';

/**
 * The answer of an identical earlier request (same `Idempotency-Key`), from the event it wrote
 * to the stock stream (its `balanceAfter`); undefined when there is none.
 */
const replayMovement = (
  reply: FastifyReply,
  streamId: string,
  prior: readonly StoredEvent[],
): FastifyReply | undefined => {
  const last = prior.filter((e) => e.streamId === streamId).at(-1);
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
  const streamId = streamIds.stock(command.productId, command.warehouseId);
  const outcome = await runOrReplay(
    () => handleStockMovement(request.server.erp.store, command, commandContext(request)),
    (prior) => replayMovement(reply, streamId, prior),
  );
  if ('replayed' in outcome) return outcome.replayed;
  const result = outcome.ran;
  if (isLeft(result) || !result.right.appended) {
    const replayed = replayMovement(reply, streamId, await findPriorAttempt(request));
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

/**
 * The answer of an identical earlier transfer request: the transfer stream's revision, and the
 * position of the last of the events the append wrote (all found by the one lookup).
 */
const replayTransfer = (
  reply: FastifyReply,
  command: TransferStock,
  prior: readonly StoredEvent[],
): FastifyReply | undefined => {
  const record = prior.find((e) => e.streamId === transferStreamId(command.transferId));
  const last = prior.at(-1);
  if (record === undefined || last === undefined) return undefined;
  return sendCommandAnswer(reply, {
    id: command.transferId,
    revision: record.revision,
    position: last.position,
  });
};

/** Runs a transfer and answers `{ id, revision, position }`, `id` being the transfer's id. */
export const runTransfer = async (
  request: FastifyRequest,
  reply: FastifyReply,
  command: TransferStock,
): Promise<FastifyReply> => {
  const outcome = await runOrReplay(
    () => handleTransfer(request.server.erp.store, command, commandContext(request)),
    (prior) => replayTransfer(reply, command, prior),
  );
  if ('replayed' in outcome) return outcome.replayed;
  const result = outcome.ran;
  if (isLeft(result)) {
    const replayed = replayTransfer(reply, command, await findPriorAttempt(request));
    if (replayed !== undefined) return replayed;
    throw new DomainRefusal(result.left);
  }
  return sendCommandAnswer(reply, {
    id: result.right.transferId,
    revision: result.right.revision,
    position: result.right.position,
  });
};
