import { readsTables } from '../read-query.js';
import { fixedStatement } from '../fixed-statement.js';
import { sql } from 'kysely';
import { Quantity } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import './inventory.tables.js';

/** Stock of one product in one warehouse. */
export interface WarehouseStock {
  readonly warehouseId: string;
  readonly onHand: Quantity;
  readonly reserved: Quantity;
  readonly available: Quantity;
}

/** A product's stock: totals over every warehouse and the per-warehouse rows, by warehouse id. */
export interface ProductStock {
  readonly productId: string;
  readonly onHand: Quantity;
  readonly reserved: Quantity;
  readonly available: Quantity;
  readonly warehouses: readonly WarehouseStock[];
}

const quantity = (thousandths: string): Quantity => Quantity.ofScaled(BigInt(thousandths));

const productStock = fixedStatement((db: ReadDb, productId: string) =>
  db
    .selectFrom('products as p')
    .leftJoin('stock_levels as s', 's.product_id', 'p.id')
    .where('p.id', '=', productId)
    .groupBy('p.id')
    .select([
      'p.id as productId',
      sql<string>`coalesce(sum(s.on_hand), 0)::text`.as('onHand'),
      sql<string>`coalesce(sum(s.reserved), 0)::text`.as('reserved'),
      sql<
        Array<[string, string, string]>
      >`coalesce(json_agg(json_build_array(s.warehouse_id, s.on_hand::text, s.reserved::text) order by s.warehouse_id) filter (where s.warehouse_id is not null), '[]'::json)`.as(
        'warehouses',
      ),
    ]),
);

/**
 * ONE statement whatever the number of warehouses: the product's catalogue row (so an unknown
 * product is `undefined` — a 404 — and a known one without movements has zero totals) joined
 * with its `stock_levels` rows, which sit together in the primary key index; totals and the
 * per-warehouse array are aggregated in the same query. Quantities travel as text so nothing
 * passes through a float in JSON. A hot read: its text is compiled once (fixedStatement).
 */
export const getProductStock = readsTables(
  ['products', 'stock_levels'],
  async (db: ReadDb, productId: string): Promise<ProductStock | undefined> => {
    const [row] = await productStock.run(db, productId);
    if (row === undefined) return undefined;
    const onHand = quantity(row.onHand);
    const reserved = quantity(row.reserved);
    return {
      productId: row.productId,
      onHand,
      reserved,
      available: Quantity.subtract(onHand, reserved),
      warehouses: row.warehouses.map(([warehouseId, h, r]) => {
        const wOnHand = quantity(h);
        const wReserved = quantity(r);
        return {
          warehouseId,
          onHand: wOnHand,
          reserved: wReserved,
          available: Quantity.subtract(wOnHand, wReserved),
        };
      }),
    };
  },
);
