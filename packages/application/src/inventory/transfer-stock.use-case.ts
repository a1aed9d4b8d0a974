import { right, isLeft } from 'fp-ts/lib/Either.js';
import {
  decideTransfer,
  domainError,
  settingsStreamId,
  streamIds,
  transferStreamId,
  type TransferStock,
} from '@erpcore/domain';
import { settingsModel } from '../accounting/accounting-kinds.js';
import { useCase } from '../use-case.js';
import {
  productFactModel,
  stockModel,
  transferModel,
  warehouseFactModel,
} from './inventory-kinds.js';

const laterOf = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/**
 * A transfer: an issue at the source and a receipt at the destination in one atomic append with
 * `transfer-<id>` (written `no_stream` first, so a reused id can never move stock twice). Answers
 * the transfer's id and revision, and the position of its LAST ledger row (API.md: a ledger row's
 * position is the one its command answered with): the later of the two stock events. A dated
 * transfer reads the settings too: on or before the lock date it is refused (`period_locked`).
 */
export const transferStock = useCase({
  name: 'transfer-stock',
  kinds: {
    transfer: transferModel,
    source: stockModel,
    destination: stockModel,
    product: productFactModel,
    from: warehouseFactModel,
    to: warehouseFactModel,
    settings: settingsModel,
  },
  streams: (c: TransferStock) => ({
    transfer: transferStreamId(c.transferId),
    source: streamIds.stock(c.productId, c.fromWarehouseId),
    destination: streamIds.stock(c.productId, c.toWarehouseId),
    product: streamIds.product(c.productId),
    from: streamIds.warehouse(c.fromWarehouseId),
    to: streamIds.warehouse(c.toWarehouseId),
    settings: settingsStreamId(),
  }),
  // decideTransfer refuses this too, but both stock roles would then name one stream.
  precheck: (c) =>
    c.fromWarehouseId === c.toWarehouseId
      ? domainError('validation_failed', 'a transfer needs two different warehouses', [
          { path: 'toWarehouseId', message: 'must differ from fromWarehouseId' },
        ])
      : undefined,
  writes: ['transfer', 'source', 'destination'],
  decide: (states, command) => {
    const decision = decideTransfer(states, command);
    if (isLeft(decision)) return decision;
    return right(decision.right);
  },
  answer: (executed, command) => ({
    id: command.transferId,
    revision: executed.roles.transfer.revision,
    position: laterOf(executed.roles.source.position, executed.roles.destination.position),
  }),
});
