import { readsTables } from '../read-query.js';
import type { ReadDb } from '../read-db.js';
import { pageById, type ListOptions, type Page } from '../keyset-cursor.js';

/** A warehouse as the API shows it. */
export interface WarehouseView {
  readonly id: string;
  readonly name: string;
  readonly branchId: string | null;
}

/** A product as the API shows it. */
export interface ProductView {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
}

const warehouseView = (r: {
  id: string;
  name: string;
  branch_id: string | null;
}): WarehouseView => ({
  id: r.id,
  name: r.name,
  branchId: r.branch_id,
});

const productView = (r: { id: string; name: string; unit: string }): ProductView => ({
  id: r.id,
  name: r.name,
  unit: r.unit,
});

/** One warehouse by id, or undefined. One statement. */
export const getWarehouse = readsTables(
  ['warehouses'],
  async (db: ReadDb, id: string): Promise<WarehouseView | undefined> => {
    const row = await db
      .selectFrom('warehouses')
      .select(['id', 'name', 'branch_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : warehouseView(row);
  },
);

/** Warehouses ordered by id, keyset-paginated. One statement. Throws InvalidCursorError. */
export const listWarehouses = readsTables(
  ['warehouses'],
  (db: ReadDb, options: ListOptions = {}): Promise<Page<WarehouseView>> =>
    pageById(
      options,
      (limit, after) => {
        let query = db
          .selectFrom('warehouses')
          .select(['id', 'name', 'branch_id'])
          .orderBy('id')
          .limit(limit);
        if (after !== undefined) query = query.where('id', '>', after);
        return query.execute();
      },
      warehouseView,
    ),
);

/** One product by id, or undefined. One statement. */
export const getProduct = readsTables(
  ['products'],
  async (db: ReadDb, id: string): Promise<ProductView | undefined> => {
    const row = await db
      .selectFrom('products')
      .select(['id', 'name', 'unit'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : productView(row);
  },
);

/** Products ordered by id, keyset-paginated. One statement. Throws InvalidCursorError. */
export const listProducts = readsTables(
  ['products'],
  (db: ReadDb, options: ListOptions = {}): Promise<Page<ProductView>> =>
    pageById(
      options,
      (limit, after) => {
        let query = db
          .selectFrom('products')
          .select(['id', 'name', 'unit'])
          .orderBy('id')
          .limit(limit);
        if (after !== undefined) query = query.where('id', '>', after);
        return query.execute();
      },
      productView,
    ),
);
