import type { ProductId, WarehouseId } from '../shared/id.js';
import { Quantity } from '../shared/quantity.js';
import { ReferenceC, type Reference } from '../inventory/reference.js';
import type { StockEvent } from '../inventory/stock.events.js';
import type { StockState } from '../inventory/stock.decider.js';
import type { PlacedOrder } from './order.decider.js';
import { checked } from '../shared/checked.js';

/** What an order needs of one product at its warehouse: its lines for that product, summed. */
export interface StockNeed {
  readonly productId: ProductId;
  readonly warehouseId: WarehouseId;
  readonly quantity: Quantity;
}

/**
 * The order's lines summed per product (in first-appearance order), so two lines of the same
 * product reserve, ship and release their total on the one stock stream they share.
 */
export const stockNeedsOf = (
  order: Pick<PlacedOrder, 'items' | 'warehouseId'>,
): readonly StockNeed[] => {
  const totals = new Map<ProductId, Quantity>();
  for (const line of order.items)
    totals.set(
      line.productId,
      Quantity.add(totals.get(line.productId) ?? Quantity.zero, line.quantity),
    );
  return [...totals].map(([productId, quantity]) => ({
    productId,
    warehouseId: order.warehouseId,
    quantity,
  }));
};

/** The reference an order's stock movements carry: its stream id, so the ledger links back to it. */
export const orderStockReference = (orderId: string): Reference =>
  checked(ReferenceC, `order-${orderId}`);

/** The current states of the stock streams an order touches, by product id (absent = never moved). */
export type StockStates = ReadonlyMap<string, StockState>;

/** Events for one `stock-<productId>@<warehouseId>` stream. */
export interface StockWrite {
  readonly productId: ProductId;
  readonly warehouseId: WarehouseId;
  readonly events: readonly StockEvent[];
}
