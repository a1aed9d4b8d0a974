import { readsTables } from '../read-query.js';
import { Quantity } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import { decodeCursor, pageSize, toPage, type Page } from '../keyset-cursor.js';
import './inventory.tables.js';

/** One `stock_levels` row as the API lists it. */
export interface StockLevel {
  readonly productId: string;
  readonly warehouseId: string;
  readonly onHand: Quantity;
  readonly reserved: Quantity;
  readonly available: Quantity;
}

export interface StockListOptions {
  readonly warehouseId?: string | undefined;
  readonly productId?: string | undefined;
  readonly limit?: number;
  /** The opaque `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

/**
 * Stock levels in (product, warehouse) order, optionally for one warehouse and/or one product:
 * one keyset statement. With a warehouse filter it walks `stock_levels_by_warehouse`
 * (warehouse, product); otherwise the primary key (product, warehouse). Throws
 * InvalidCursorError.
 */
export const listStock = readsTables(
  ['stock_levels'],
  async (db: ReadDb, options: StockListOptions = {}): Promise<Page<StockLevel>> => {
    const { warehouseId, productId } = options;
    const limit = pageSize(options.limit);
    let query = db
      .selectFrom('stock_levels')
      .select(['product_id', 'warehouse_id', 'on_hand', 'reserved', 'available']);
    if (warehouseId !== undefined) query = query.where('warehouse_id', '=', warehouseId);
    if (productId !== undefined) query = query.where('product_id', '=', productId);
    if (options.cursor !== undefined) {
      const [afterProduct = '', afterWarehouse = ''] = decodeCursor(options.cursor, 2);
      // With the warehouse fixed, the product id alone orders the rows and matches the index prefix.
      query =
        warehouseId !== undefined
          ? query.where('product_id', '>', afterProduct)
          : query.where((eb) =>
              eb(
                eb.refTuple('product_id', 'warehouse_id'),
                '>',
                eb.tuple(afterProduct, afterWarehouse),
              ),
            );
    }
    const rows = await query
      .orderBy('product_id')
      .orderBy('warehouse_id')
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (r) => ({
        productId: r.product_id,
        warehouseId: r.warehouse_id,
        onHand: Quantity.ofScaled(BigInt(r.on_hand)),
        reserved: Quantity.ofScaled(BigInt(r.reserved)),
        available: Quantity.ofScaled(BigInt(r.available)),
      }),
      (r) => [r.product_id, r.warehouse_id],
    );
  },
);
