import { sql } from 'kysely';
import { Money, Quantity, UnitCost } from '@erpcore/domain';
import { decodeCursor, pageSize, toPage } from '../keyset-cursor.js';
import { runNamed } from '../fixed-statement.js';
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
  /** One page, by warehouse then product. */
  readonly lines: readonly StockValuationLine[];
  /** Null on the last page. */
  readonly nextCursor: string | null;
  /**
   * Σ value of every line the filters select, not only this page's: equals the inventory
   * account's balance when every movement was posted.
   */
  readonly totalValue: Money;
}

/** The tables `stockValuationReport` reads (for read-your-writes waits). */
export const stockValuationReads: ReadsTables = {
  reads: ['stock_valuation', 'stock_value_by_warehouse'],
};

interface Row {
  total: string;
  product_id: string | null;
  warehouse_id: string;
  on_hand: string;
  value: string;
  unit_cost: string;
}

/**
 * Stock valuation per product and warehouse, optionally for one warehouse or product, a page at
 * a time, and the total value of every line selected: ONE statement. The page is a range of
 * the (warehouse, product) index; the total is one `stock_value_by_warehouse` row (a row per
 * warehouse unfiltered), or the product's few rows when filtered by product. Rows at zero on
 * hand and zero value are left out. Throws InvalidCursorError.
 */
export const stockValuationReport = async (
  db: ReadDb,
  options: {
    readonly warehouseId?: string | undefined;
    readonly productId?: string | undefined;
    readonly limit?: number | undefined;
    readonly cursor?: string | undefined;
  } = {},
): Promise<StockValuationReport> => {
  const limit = pageSize(options.limit);
  const { warehouseId, productId } = options;
  const filters = sql.join(
    [
      sql`(s.on_hand <> 0 or s.value <> 0)`,
      ...(warehouseId === undefined ? [] : [sql`s.warehouse_id = ${warehouseId}`]),
      ...(productId === undefined ? [] : [sql`s.product_id = ${productId}`]),
      ...(options.cursor === undefined
        ? []
        : [sql`(s.warehouse_id, s.product_id) > (${sql.join(decodeCursor(options.cursor, 2))})`]),
    ],
    sql` and `,
  );
  const total =
    productId === undefined
      ? sql`select sum(value) as value from stock_value_by_warehouse
            ${warehouseId === undefined ? sql`` : sql`where warehouse_id = ${warehouseId}`}`
      : sql`select sum(value) as value from stock_valuation
            where product_id = ${productId}
            ${warehouseId === undefined ? sql`` : sql`and warehouse_id = ${warehouseId}`}`;
  // One row at least (the total), so an empty page still answers it.
  const rows = await runNamed(
    db,
    sql<Row>`
    select coalesce(t.value, 0)::text as total, l.product_id, l.warehouse_id,
           l.on_hand::text, l.value::text, l.unit_cost::text
    from (${total}) t left join lateral (
      select s.product_id, s.warehouse_id, s.on_hand, s.value, s.unit_cost from stock_valuation s
      where ${filters} order by s.warehouse_id, s.product_id limit ${limit + 1}) l on true
    order by l.warehouse_id, l.product_id`,
  );
  const { items, nextCursor } = toPage(
    rows.filter((r): r is Row & { product_id: string } => r.product_id !== null),
    limit,
    (r) => ({
      productId: r.product_id,
      warehouseId: r.warehouse_id,
      onHand: Quantity.ofScaled(BigInt(r.on_hand)),
      value: Money.ofCents(BigInt(r.value)),
      unitCost: UnitCost.ofScaled(BigInt(r.unit_cost)),
    }),
    (r) => [r.warehouse_id, r.product_id],
  );
  return { lines: items, nextCursor, totalValue: Money.ofCents(BigInt(rows[0]?.total ?? '0')) };
};
