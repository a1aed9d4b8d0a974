/**
 * The data the read benchmarks (http, inject-cpu) share: products with stock in every warehouse,
 * orders across branches, and a flat chart straight into `account_tree` (the read, not the tree's
 * upkeep, is measured), and the paths of the three reads.
 */
import type { SqlClient } from '@erpcore/eventstore';
import {
  accountingProjections,
  catalogProjections,
  inventoryProjections,
  salesProjections,
} from '@erpcore/projections';
import { productId, seedInventory } from '../inventory-seed.js';
import { createProgress } from '../progress.js';
import { branches, createNaiveTables, seedOrders } from '../sales-seed.js';

export interface ReadSeed {
  readonly products: number;
  readonly warehouses: number;
  readonly orders: number;
  readonly accounts: number;
}

/** The projections whose tables the three reads use. */
export const readProjections = [
  ...catalogProjections,
  ...inventoryProjections,
  ...accountingProjections,
  ...salesProjections,
];

export const seedReads = async (client: SqlClient, size: ReadSeed): Promise<void> => {
  await seedInventory(
    client,
    size.products,
    size.warehouses,
    createProgress('seed', size.products, { unit: ' products' }),
  );
  await createNaiveTables(client);
  await seedOrders(client, size.orders, createProgress('orders', size.orders));
  await client.query(
    `insert into account_tree (id, parent_id, name, type, path, sort_key, depth, ancestor_ids, balance, rolled_up_balance, closed)
     select 'acc-' || i, null, 'Account ' || i, 'asset', 'Account ' || i, convert_to('Account ' || i, 'UTF8'), 0, '{}', i * 105, i * 105, false
     from generate_series(0, $1::int - 1) as i`,
    [size.accounts],
  );
  for (const table of ['products', 'warehouses', 'stock_levels', 'order_list', 'account_tree'])
    await client.query(`analyze ${table}`);
};

/** Each read's path for a pick in [0, 1). */
export const readPaths = (
  size: ReadSeed,
): Readonly<Record<'stock' | 'account' | 'orders', (pick: number) => string>> => ({
  stock: (pick) => `/v1/products/${productId(Math.floor(pick * size.products))}/stock`,
  account: (pick) => `/v1/accounts/acc-${Math.floor(pick * size.accounts)}`,
  orders: (pick) => `/v1/orders?branchId=BR-${Math.floor(pick * branches)}&limit=20`,
});
