export {
  handleStockMovement,
  stockMaxRetries,
  type StockMovementOutcome,
} from './stock-movement.handler.js';
export { handleTransfer, type TransferOutcome } from './transfer.handler.js';
export {
  stockModel,
  productModel as inventoryProductModel,
  warehouseModel as inventoryWarehouseModel,
  transferModel,
} from './inventory-models.js';
export { withStreamLocks } from './stream-locks.js';
