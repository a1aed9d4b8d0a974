import { isLeft, right, type Either } from 'fp-ts/lib/Either.js';
import {
  decideStockMovement,
  fold,
  knownToExist,
  stockDecider,
  streamIds,
  type DomainError,
  type StockCommand,
  type StockState,
} from '@erpcore/domain';
import {
  loadStream,
  retryOnConflict,
  toEventsToAppend,
  type CommandContext,
  type EventStore,
} from '@erpcore/eventstore';
import { productModel, stockModel, warehouseModel } from './inventory-models.js';
import { withStreamLocks } from './stream-locks.js';

/** What a stock movement did to its stream. */
export interface StockMovementOutcome {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly state: StockState;
  /**
   * False when the store dropped the events as already stored (an identical retry with the same
   * `Idempotency-Key` raced the first request): then `state` is not what the first one answered.
   */
  readonly appended: boolean;
}

/** The catalogue facts of a movement, read only when the stock stream is new (see below). */
const loadCatalog = async (store: EventStore, command: StockCommand) => {
  const [product, warehouse] = await Promise.all([
    loadStream(store, streamIds.product(command.productId), productModel),
    loadStream(store, streamIds.warehouse(command.warehouseId), warehouseModel),
  ]);
  return { product: product.state, warehouse: warehouse.state };
};

/**
 * Retries after a lost race. Within one process commands on a stream queue up (stream-locks.ts)
 * and never race; across processes each retry costs two statements, so be generous.
 */
export const stockMaxRetries = 20;

/**
 * Receive, issue, adjust, reserve, release or deliver on one `stock-<productId>@<warehouseId>`
 * stream. Cheap by construction: the stock stream loads from its last event (one row), and the
 * catalogue streams are read only when the stock stream does not exist yet — a stock stream is
 * only ever opened after its product and warehouse were checked, and catalogue entries are
 * never removed, so for every later movement they are known to exist. The hot path is therefore
 * two statements: read the last event, append with its revision.
 */
export const handleStockMovement = async (
  store: EventStore,
  command: StockCommand,
  context: CommandContext,
  maxRetries = stockMaxRetries,
): Promise<Either<DomainError, StockMovementOutcome>> => {
  const streamId = streamIds.stock(command.productId, command.warehouseId);
  return withStreamLocks(store, [streamId], () =>
    retryOnConflict([streamId], maxRetries, async () => {
      const stock = await loadStream(store, streamId, stockModel);
      const catalog =
        stock.revision >= 0n
          ? { product: knownToExist, warehouse: knownToExist }
          : await loadCatalog(store, command);
      const decision = decideStockMovement({ ...catalog, stock: stock.state }, command);
      if (isLeft(decision)) return decision;
      const events = toEventsToAppend(stockModel.codec, decision.right, context, streamId);
      await context.beforeAppend?.();
      const result = await store.appendToStream(streamId, events, {
        expectedRevision: stock.revision === -1n ? 'no_stream' : stock.revision,
      });
      const state = fold(stockDecider, decision.right, stock.state);
      return right({
        streamId,
        revision: result.nextRevision,
        position: result.position,
        state,
        appended: result.nextRevision === stock.revision + BigInt(events.length),
      });
    }),
  );
};
