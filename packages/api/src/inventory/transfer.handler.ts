import { isLeft, left, right, type Either } from 'fp-ts/lib/Either.js';
import {
  decideTransfer,
  domainError,
  streamIds,
  transferStreamId,
  type DomainError,
  type ProductState,
  type StockState,
  type TransferState,
  type TransferStock,
  type WarehouseState,
} from '@erpcore/domain';
import {
  handleMultiStreamCommand,
  type CommandContext,
  type EventStore,
  type StreamModels,
} from '@erpcore/eventstore';
import { productModel, stockModel, transferModel, warehouseModel } from './inventory-models.js';
import { withStreamLocks } from './stream-locks.js';

/** What a transfer wrote: its record's revision and the position covering both halves. */
export interface TransferOutcome {
  readonly transferId: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * A transfer: loads both stock streams (last event each), the catalogue entries and the
 * `transfer-<id>` stream, decides once, and appends the transfer record and both halves in ONE
 * `appendMulti` — the record with `no_stream`, so a reused id can never move stock twice (a
 * racing duplicate loses on the expected revision, retries, and is then refused as `conflict`).
 */
export const handleTransfer = async (
  store: EventStore,
  command: TransferStock,
  context: CommandContext,
): Promise<Either<DomainError, TransferOutcome>> => {
  const source = streamIds.stock(command.productId, command.fromWarehouseId);
  const destination = streamIds.stock(command.productId, command.toWarehouseId);
  const product = streamIds.product(command.productId);
  const from = streamIds.warehouse(command.fromWarehouseId);
  const to = streamIds.warehouse(command.toWarehouseId);
  const transfer = transferStreamId(command.transferId);
  // decideTransfer refuses this too, but the two stock streams would collapse into one key below.
  if (source === destination)
    return left(
      domainError('validation_failed', 'a transfer needs two different warehouses', [
        { path: 'toWarehouseId', message: 'must differ from fromWarehouseId' },
      ]),
    );
  const streams: StreamModels = {
    [transfer]: transferModel,
    [source]: stockModel,
    [destination]: stockModel,
    [product]: productModel,
    [from]: warehouseModel,
    [to]: warehouseModel,
  } as StreamModels;
  const outcome = await withStreamLocks(store, [source, destination, transfer], () =>
    handleMultiStreamCommand(store, {
      streams,
      context,
      decide: (states) => {
        const decision = decideTransfer(
          {
            product: states[product] as ProductState,
            from: states[from] as WarehouseState,
            to: states[to] as WarehouseState,
            source: states[source] as StockState,
            destination: states[destination] as StockState,
            transfer: states[transfer] as TransferState,
          },
          command,
        );
        if (isLeft(decision)) return decision;
        // The record first: an idempotent retry finds its event at index 0 of the transfer stream.
        return right([
          { streamId: transfer, events: decision.right.transfer },
          { streamId: source, events: decision.right.source },
          { streamId: destination, events: decision.right.destination },
        ]);
      },
    }),
  );
  if (isLeft(outcome)) return outcome;
  const record = outcome.right.streams.find((s) => s.streamId === transfer);
  return right({
    transferId: command.transferId,
    revision: record?.revision ?? 0n,
    position: outcome.right.position,
  });
};
