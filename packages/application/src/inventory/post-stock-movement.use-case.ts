import { isLeft, right } from 'fp-ts/lib/Either.js';
import {
  knownToExist,
  postStockMovement,
  Quantity,
  settingsStreamId,
  stockMovementJournalEntryId,
  streamIds,
  type PostStockMovement,
} from '@erpcore/domain';
import { journalModel, settingsModel, type PostingKinds } from '../erp/erp-kinds.js';
import { seeded } from '../erp/posting-chart.js';
import { useCase } from '../use-case.js';
import { productFactModel, stockModel, warehouseFactModel } from './inventory-kinds.js';

/**
 * A receipt, issue or count through the inventory routes, valued and posted atomically: the stock
 * stream, the chart (balances, seeded with the posting accounts on first use), the movement's own
 * entry `journal-stock-<movementId>` and the settings (posting accounts, lock date), in one append.
 * The product and warehouse are read on the stock stream's first movement only, as in `moveStock`.
 *
 * Every posting appends its balance deltas to the one chart stream, so the chart is written and
 * queued on like the stock stream: in-process movements of different SKUs wait for each other
 * there instead of racing and retrying, as deliveries and receipts do.
 */
export const postStockMovementUseCase = (kinds: PostingKinds) =>
  useCase({
    name: 'post-stock-movement',
    // Roles append in this order: the stock event comes last, so the position answered (the
    // ledger row's, API.md) also covers the entry and the balances written with it.
    kinds: {
      chart: kinds.chart,
      journal: journalModel,
      settings: settingsModel,
      product: productFactModel,
      warehouse: warehouseFactModel,
      stock: stockModel,
    },
    streams: (c: PostStockMovement) => ({
      chart: streamIds.chart(),
      journal: streamIds.journal(stockMovementJournalEntryId(c.movementId)),
      settings: settingsStreamId(),
      product: streamIds.product(c.movement.productId),
      warehouse: streamIds.warehouse(c.movement.warehouseId),
      stock: streamIds.stock(c.movement.productId, c.movement.warehouseId),
    }),
    writes: ['chart', 'journal', 'stock'],
    checkedOnFirstWrite: {
      product: { of: 'stock', assumed: knownToExist },
      warehouse: { of: 'stock', assumed: knownToExist },
    },
    decide: (states, c) => {
      const s = seeded(states);
      const outcome = postStockMovement(c, s.states);
      return isLeft(outcome)
        ? outcome
        : right({ ...outcome.right, chart: s.chartEvents(outcome.right.chart) });
    },
    replayStates: ['stock', 'journal'],
    answer: ({ roles: { stock, journal } }, c) => ({
      id: stock.streamId,
      revision: stock.revision,
      position: stock.position,
      extras: {
        balance: Quantity.format(stock.state.onHand),
        // Null when the movement moved no value (an unvalued stream): nothing was posted.
        journalEntryId:
          journal.state.status === 'absent' ? null : stockMovementJournalEntryId(c.movementId),
      },
    }),
  });
