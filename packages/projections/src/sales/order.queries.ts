import { sql, type SelectQueryBuilder } from 'kysely';
import { Money } from '@erpcore/domain';
import type { ReadDb } from '../read-db.js';
import type { ReadModels } from '../read-models.js';
import { decodeCursor, InvalidCursorError, pageSize, toPage, type Page } from '../keyset-cursor.js';
import type { OrderListItem } from './sales-tables.js';
import './sales-tables.js';
import { readsTables } from '../read-query.js';
import { fixedStatement, type FixedStatement } from '../fixed-statement.js';

/** An order as `GET /v1/orders/:id` and `GET /v1/orders` serve it. */
export interface OrderView {
  readonly id: string;
  readonly status: string;
  readonly customer: { readonly id: string; readonly name: string };
  readonly branchId: string;
  readonly salespersonId: string;
  readonly warehouseId: string;
  readonly total: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly items: readonly OrderListItem[];
}

/** The filters of `GET /v1/orders`, each optional, combined with AND. */
export interface OrderListFilter {
  readonly status?: string;
  readonly branchId?: string;
  readonly customerId?: string;
  readonly salespersonId?: string;
  /** 1–500, default 50. */
  readonly limit?: number;
  /** The opaque `nextCursor` of the previous page. */
  readonly cursor?: string;
}

const columns = (qb: SelectQueryBuilder<ReadModels, 'order_list', object>) =>
  qb.select([
    'id',
    'status',
    'customer_id',
    'customer_name',
    'branch_id',
    'salesperson_id',
    'warehouse_id',
    'total',
    'items',
    'created_at',
    'updated_at',
    // The exact time for the cursor, microseconds included (a JS Date would round to milliseconds).
    sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
      'created_at_key',
    ),
  ]);

type Row = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

const toView = (row: Row): OrderView => ({
  id: row.id,
  status: row.status,
  customer: { id: row.customer_id, name: row.customer_name },
  branchId: row.branch_id,
  salespersonId: row.salesperson_id,
  warehouseId: row.warehouse_id,
  // numeric comes back padded ("12.50"); serve the canonical form events use.
  total: Money.format(Money.parse(row.total) ?? Money.zero),
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  items: row.items,
});

const cursorTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const orderById = fixedStatement((db: ReadDb, id: string) =>
  columns(db.selectFrom('order_list')).where('id', '=', id),
);

/** One order by id (one primary-key statement, compiled once), or undefined. */
export const getOrder = readsTables(
  ['order_list'],
  async (db: ReadDb, id: string): Promise<OrderView | undefined> => {
    const [row] = await orderById.run(db, id);
    return row === undefined ? undefined : toView(row);
  },
);

const filterColumns = {
  status: 'status',
  branchId: 'branch_id',
  customerId: 'customer_id',
  salespersonId: 'salesperson_id',
} as const;
type Filter = keyof typeof filterColumns;
const filters = Object.keys(filterColumns) as Filter[];

// A page's statement per combination of filters and cursor (32 at most), compiled when first asked.
const pageStatements = new Map<string, FixedStatement<readonly unknown[], Row>>();
const pageStatement = (used: readonly Filter[], after: boolean) => {
  const key = `${used.join(',')}${after ? ' after' : ''}`;
  let statement = pageStatements.get(key);
  if (statement === undefined) {
    // Values: one per filter used, then the cursor's time and id, then the row limit.
    statement = fixedStatement(
      (db: ReadDb, ...values: readonly unknown[]) => {
        let query = columns(db.selectFrom('order_list'));
        used.forEach((f, i) => {
          query = query.where(filterColumns[f], '=', values[i] as string);
        });
        if (after) {
          const [time, id] = values.slice(used.length);
          query = query.where(sql<boolean>`(created_at, id) < (${time}::timestamptz, ${id})`);
        }
        return query
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(values[values.length - 1] as number);
      },
      used.length + (after ? 3 : 1),
    );
    pageStatements.set(key, statement);
  }
  return statement;
};

/**
 * A page of orders, newest first (ties by id, descending), in ONE statement: the filters pick an
 * index whose trailing columns are `(created_at desc, id desc)`, and the keyset condition starts
 * the range scan right after the cursor; `limit + 1` rows tell whether another page follows.
 * The cursor holds the exact timestamp text (a Date would drop microseconds). Throws
 * InvalidCursorError.
 */
export const listOrders = readsTables(
  ['order_list'],
  async (db: ReadDb, filter: OrderListFilter): Promise<Page<OrderView>> => {
    const limit = pageSize(filter.limit);
    const used = filters.filter((f) => filter[f] !== undefined);
    const values: unknown[] = used.map((f) => filter[f]);
    if (filter.cursor !== undefined) {
      const [createdAt = '', id = ''] = decodeCursor(filter.cursor, 2);
      if (!cursorTime.test(createdAt)) throw new InvalidCursorError(filter.cursor);
      values.push(createdAt, id);
    }
    values.push(limit + 1);
    const rows = await pageStatement(used, filter.cursor !== undefined).run(db, ...values);
    return toPage(rows, limit, toView, (r) => [r.created_at_key, r.id]);
  },
);
