import { availableOf, Quantity, type StockState, type TransferState } from '@erpcore/domain';
import { inventoryProjections } from '@erpcore/projections';
import { contextModule, streamKind } from '../context-module.js';
import { stockModel, transferModel } from './inventory-kinds.js';
import { moveStock } from './move-stock.use-case.js';
import { postStockMovementUseCase } from './post-stock-movement.use-case.js';
import { transferStock } from './transfer-stock.use-case.js';

/** A stock stream as JSON: on hand, reserved and what is still available (decimal strings). */
const stockStateJson = (s: StockState): unknown => ({
  onHand: Quantity.format(s.onHand),
  reserved: Quantity.format(s.reserved),
  available: Quantity.format(availableOf(s)),
});

/** A transfer stream: whether the id is used, and for what. */
const transferStateJson = (s: TransferState): unknown =>
  s.status === 'absent' ? s : { ...s, quantity: Quantity.format(s.quantity) };

/** Stock per product and warehouse: movements and transfers, levels and the ledger. */
export const inventoryModule = contextModule({
  name: 'inventory',
  streamKinds: {
    stock: streamKind({ prefix: 'stock-', model: stockModel, stateJson: stockStateJson }),
    transfer: streamKind({
      prefix: 'transfer-',
      model: transferModel,
      stateJson: transferStateJson,
    }),
  },
  useCases: { moveStock, postStockMovementUseCase, transferStock },
  projections: inventoryProjections,
});
