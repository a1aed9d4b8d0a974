/**
 * Read-model data for the inventory benchmark, generated inside PostgreSQL (INSERT … SELECT FROM
 * generate_series, one statement per chunk of products): `products`, `warehouses`,
 * `stock_levels` (one row per product × warehouse) and `stock_ledger` (a few movements per
 * pair, running balances consistent with the levels) — what the projections would have built.
 */
import type { SqlClient } from '@erpcore/eventstore';
import type { Progress } from './progress.js';

/** Movements per product × warehouse in the ledger (receipt, issue, receipt). */
export const movementsPerPair = 3;

export const productId = (p: number): string => `P${String(p).padStart(5, '0')}`;
export const warehouseId = (w: number): string => `W${String(w).padStart(2, '0')}`;

/** Seeds `products` × `warehouses`; `progress` counts products. */
export const seedInventory = async (
  client: SqlClient,
  products: number,
  warehouses: number,
  progress: Progress,
): Promise<void> => {
  await client.query(
    `insert into warehouses (id, name, branch_id, position, created_at)
     select 'W' || lpad(w::text, 2, '0'), 'Warehouse ' || w, null, 0, now() from generate_series(0, $1::int - 1) w`,
    [warehouses],
  );
  const chunk = 500;
  for (let from = 0; from < products; from += chunk) {
    const to = Math.min(products, from + chunk) - 1;
    // Quantities in thousandths: +100, −(p mod 7 + 1), +10·(w + 1) units; balances follow.
    await client.query(
      `with pairs as (
         select p, w, 'P' || lpad(p::text, 5, '0') as product_id, 'W' || lpad(w::text, 2, '0') as warehouse_id
         from generate_series($1::int, $2::int) p, generate_series(0, $3::int - 1) w
       ), products_in as (
         insert into products (id, name, unit, position, created_at)
         select 'P' || lpad(p::text, 5, '0'), 'Product ' || p, 'pcs', 0, now() from generate_series($1::int, $2::int) p
       ), levels as (
         insert into stock_levels (product_id, warehouse_id, on_hand, reserved, position)
         select product_id, warehouse_id, (100 - (p % 7 + 1) + 10 * (w + 1)) * 1000, 0, (p * $3::int + w) * 3 + 3 from pairs
       )
       insert into stock_ledger (position, product_id, warehouse_id, kind, quantity, balance_after, reference, occurred_at)
       select (p * $3::int + w) * 3 + k + 1, product_id, warehouse_id,
              case k when 1 then 'issue' else 'receipt' end,
              case k when 0 then 100000 when 1 then -(p % 7 + 1) * 1000 else 10000 * (w + 1) end,
              case k when 0 then 100000 when 1 then (100 - (p % 7 + 1)) * 1000 else (100 - (p % 7 + 1) + 10 * (w + 1)) * 1000 end,
              null, now()
       from pairs, generate_series(0, 2) k`,
      [from, to, warehouses],
    );
    progress.update(to + 1);
  }
};
