import { sql } from 'kysely';
import { Money, Quantity, UnitCost } from '@erpcore/domain';
import { decodeCursor, literalPageRows, pageSize, toPage } from '../keyset-cursor.js';
import { fixedStatement, rawStatement, statementsByShape } from '../fixed-statement.js';
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
  /** Null on the first row, whose `value` is the total. */
  product_id: string | null;
  warehouse_id: string | null;
  on_hand: string | null;
  value: string;
  unit_cost: string | null;
}

/**
 * A page's statement: which filters it has, whether it starts after a cursor, its row count
 * written in (see literalPageRows) or bound.
 */
interface Shape {
  readonly warehouse: boolean;
  readonly product: boolean;
  readonly after: boolean;
  readonly rows: number | undefined;
}

// Values, each where the shape has it: the warehouse, the product, the cursor's warehouse and
// product, the row count.
const statementOf = statementsByShape(
  (shape: Shape) => `${shape.warehouse} ${shape.product} ${shape.after} ${shape.rows}`,
  ({ warehouse, product, after, rows }: Shape) =>
    fixedStatement(
      (db: ReadDb, ...values: readonly unknown[]) => {
        let i = 0;
        const next = () => values[i++];
        const warehouseId = warehouse ? next() : undefined;
        const productId = product ? next() : undefined;
        const cursor = after ? [next(), next()] : undefined;
        const limit = rows === undefined ? sql`${next()}` : sql.lit(rows);
        const filters = sql.join(
          [
            sql`(s.on_hand <> 0 or s.value <> 0)`,
            ...(warehouse ? [sql`s.warehouse_id = ${warehouseId}`] : []),
            ...(product ? [sql`s.product_id = ${productId}`] : []),
            ...(cursor === undefined
              ? []
              : [sql`(s.warehouse_id, s.product_id) > (${sql.join(cursor)})`]),
          ],
          sql` and `,
        );
        const total = product
          ? sql`from stock_valuation where product_id = ${productId}
                ${warehouse ? sql`and warehouse_id = ${warehouseId}` : sql``}`
          : sql`from stock_value_by_warehouse
                ${warehouse ? sql`where warehouse_id = ${warehouseId}` : sql``}`;
        // The total first (one row, whatever the page holds), then the page.
        return rawStatement(
          db,
          sql<Row>`
          (select null as product_id, null as warehouse_id, null as on_hand,
                  coalesce(sum(value), 0)::text as value, null as unit_cost ${total})
          union all
          (select s.product_id, s.warehouse_id, s.on_hand::text, s.value::text, s.unit_cost::text
           from stock_valuation s where ${filters}
           order by s.warehouse_id, s.product_id limit ${limit})
          order by warehouse_id nulls first, product_id`,
        );
      },
      (warehouse ? 1 : 0) + (product ? 1 : 0) + (after ? 2 : 0) + (rows === undefined ? 1 : 0),
    ),
);

/**
 * Stock valuation per product and warehouse, optionally for one warehouse or product, a page at
 * a time, and the total value of every line selected: ONE statement, compiled once per shape.
 * The page is a range of the (warehouse, product) index; the total is one
 * `stock_value_by_warehouse` row (a row per warehouse unfiltered), or the product's few rows
 * when filtered by product. Rows at zero on hand and zero value are left out. Throws
 * InvalidCursorError.
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
  const { warehouseId, productId, cursor } = options;
  const shape: Shape = {
    warehouse: warehouseId !== undefined,
    product: productId !== undefined,
    after: cursor !== undefined,
    rows: literalPageRows(limit),
  };
  const values: unknown[] = [];
  if (warehouseId !== undefined) values.push(warehouseId);
  if (productId !== undefined) values.push(productId);
  if (cursor !== undefined) values.push(...decodeCursor(cursor, 2));
  if (shape.rows === undefined) values.push(limit + 1);
  const rows = await statementOf(shape).run(db, ...values);
  const { items, nextCursor } = toPage(
    rows.slice(1),
    limit,
    (r): StockValuationLine => ({
      productId: r.product_id ?? '',
      warehouseId: r.warehouse_id ?? '',
      onHand: Quantity.ofScaled(BigInt(r.on_hand ?? 0)),
      value: Money.ofCents(BigInt(r.value)),
      unitCost: UnitCost.ofScaled(BigInt(r.unit_cost ?? 0)),
    }),
    (r) => [r.warehouse_id ?? '', r.product_id ?? ''],
  );
  return { lines: items, nextCursor, totalValue: Money.ofCents(BigInt(rows[0]?.value ?? '0')) };
};
