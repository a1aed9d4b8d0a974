import { map } from 'fp-ts/lib/Either.js';
import {
  decideStockMovement,
  knownToExist,
  Quantity,
  streamIds,
  type StockCommand,
  type StockEvent,
} from '@erpcore/domain';
import { useCase } from '../use-case.js';
import { productFactModel, stockModel, warehouseFactModel } from './inventory-kinds.js';

/**
 * Receive, issue, adjust, reserve, release or deliver on one `stock-<productId>@<warehouseId>`
 * stream. The product and warehouse are read on the stream's first movement only (see
 * `checkedOnFirstWrite`): the hot path is two statements, the last stock event and the append.
 * Answers the stock stream as `id` and the on-hand `balance` after the movement.
 */
export const moveStock = useCase({
  name: 'move-stock',
  kinds: { stock: stockModel, product: productFactModel, warehouse: warehouseFactModel },
  streams: (c: StockCommand) => ({
    stock: streamIds.stock(c.productId, c.warehouseId),
    product: streamIds.product(c.productId),
    warehouse: streamIds.warehouse(c.warehouseId),
  }),
  writes: ['stock'],
  checkedOnFirstWrite: {
    product: { of: 'stock', assumed: knownToExist },
    warehouse: { of: 'stock', assumed: knownToExist },
  },
  decide: (states, command) =>
    map((events: readonly StockEvent[]) => ({ stock: events }))(
      decideStockMovement(states, command),
    ),
  replayStates: ['stock'],
  answer: ({ roles: { stock } }) => ({
    id: stock.streamId,
    revision: stock.revision,
    position: stock.position,
    extras: { balance: Quantity.format(stock.state.onHand) },
  }),
});
