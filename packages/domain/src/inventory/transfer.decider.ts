import * as E from 'fp-ts/lib/Either.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { domainError } from '../shared/domain-error.js';
import type { TransferStock } from './stock.commands.js';
import type { TransferEvent, TransferRecorded } from './transfer.events.js';

/** Whether a transfer id has been used, and for what. */
export type TransferState =
  { readonly status: 'absent' } | ({ readonly status: 'recorded' } & TransferRecorded['data']);

/**
 * The `transfer-<id>` stream: it only records that an id was used. `decideTransfer` uses it
 * beside the two stock streams; a reused id is a `conflict` (409).
 */
export const transferDecider: Decider<TransferStock, TransferEvent, TransferState> = {
  initialState: { status: 'absent' },
  decide: (command, state) =>
    state.status === 'absent'
      ? E.right([
          {
            type: 'TransferRecorded',
            data: {
              id: command.transferId,
              productId: command.productId,
              fromWarehouseId: command.fromWarehouseId,
              toWarehouseId: command.toWarehouseId,
              quantity: command.quantity,
            },
          },
        ])
      : E.left(
          domainError('conflict', `transfer ${command.transferId} exists already`, [
            { transferId: command.transferId },
          ]),
        ),
  evolve: (_state, event) => {
    switch (event.type) {
      case 'TransferRecorded':
        return { status: 'recorded', ...event.data };
      default:
        return assertNever(event.type);
    }
  },
};
