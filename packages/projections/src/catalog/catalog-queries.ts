import { readsTables } from '../read-query.js';
import type { ReadDb } from '../read-db.js';
import { decodeCursor, pageSize, toPage, type Page } from '../keyset-cursor.js';

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

/** Keyset page request: `cursor` is the opaque `nextCursor` of the previous page. */
export interface ListOptions {
  readonly limit?: number;
  readonly cursor?: string | undefined;
}

/** One warehouse by id, or undefined. One statement. */
export const getWarehouse = readsTables(
  ['warehouses'],
  async (db: ReadDb, id: string): Promise<WarehouseView | undefined> => {
    const row = await db
      .selectFrom('warehouses')
      .select(['id', 'name', 'branch_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : { id: row.id, name: row.name, branchId: row.branch_id };
  },
);

/** Warehouses ordered by id, keyset-paginated. One statement. Throws InvalidCursorError. */
export const listWarehouses = readsTables(
  ['warehouses'],
  async (db: ReadDb, options: ListOptions = {}): Promise<Page<WarehouseView>> => {
    const limit = pageSize(options.limit);
    let query = db
      .selectFrom('warehouses')
      .select(['id', 'name', 'branch_id'])
      .orderBy('id')
      .limit(limit + 1);
    if (options.cursor !== undefined)
      query = query.where('id', '>', decodeCursor(options.cursor, 1)[0] ?? '');
    const rows = await query.execute();
    return toPage(
      rows,
      limit,
      (r) => ({ id: r.id, name: r.name, branchId: r.branch_id }),
      (r) => [r.id],
    );
  },
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
    return row === undefined ? undefined : { id: row.id, name: row.name, unit: row.unit };
  },
);

/** Products ordered by id, keyset-paginated. One statement. Throws InvalidCursorError. */
export const listProducts = readsTables(
  ['products'],
  async (db: ReadDb, options: ListOptions = {}): Promise<Page<ProductView>> => {
    const limit = pageSize(options.limit);
    let query = db
      .selectFrom('products')
      .select(['id', 'name', 'unit'])
      .orderBy('id')
      .limit(limit + 1);
    if (options.cursor !== undefined)
      query = query.where('id', '>', decodeCursor(options.cursor, 1)[0] ?? '');
    const rows = await query.execute();
    return toPage(
      rows,
      limit,
      (r) => ({ id: r.id, name: r.name, unit: r.unit }),
      (r) => [r.id],
    );
  },
);
