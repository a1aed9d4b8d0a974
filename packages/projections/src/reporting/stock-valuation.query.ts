import { Money, Quantity, UnitCost } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import type { ReadsTables } from '../read-query.js';
import './reporting.tables.js';

/** One product in one warehouse, valued. */
export interface StockValuationLine {
  readonly productId: string;
  readonly warehouseId: string;
  readonly onHand: Quantity;
  readonly value: Money;
  readonly unitCost: UnitCost;
}

export interface StockValuationReport {
  readonly lines: readonly StockValuationLine[];
  /** Σ value: equals the inventory account's balance when every movement was posted. */
  readonly totalValue: Money;
}

/** The tables `stockValuationReport` reads (for read-your-writes waits). */
export const stockValuationReads: ReadsTables = { reads: ['stock_valuation'] };

/**
 * Stock valuation per product and warehouse, optionally for one warehouse or product: one
 * statement on `stock_valuation` (the warehouse index when filtered by warehouse). Rows at zero
 * on hand and zero value are left out.
 */
export const stockValuationReport = async (
  db: ReadDb,
  options: { readonly warehouseId?: string; readonly productId?: string } = {},
): Promise<StockValuationReport> => {
  let query = db
    .selectFrom('stock_valuation')
    .select(['product_id', 'warehouse_id', 'on_hand', 'value', 'unit_cost'])
    .where((eb) => eb.or([eb('on_hand', '<>', '0'), eb('value', '<>', '0')]));
  if (options.warehouseId !== undefined)
    query = query.where('warehouse_id', '=', options.warehouseId);
  if (options.productId !== undefined) query = query.where('product_id', '=', options.productId);
  const rows = await query.orderBy('warehouse_id').orderBy('product_id').execute();
  const lines = rows.map((r) => ({
    productId: r.product_id,
    warehouseId: r.warehouse_id,
    onHand: Quantity.ofScaled(BigInt(r.on_hand)),
    value: Money.ofCents(BigInt(r.value)),
    unitCost: UnitCost.ofScaled(BigInt(r.unit_cost)),
  }));
  return { lines, totalValue: Money.sum(lines.map((l) => l.value)) };
};
