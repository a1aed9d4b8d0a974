import { sql, type SelectQueryBuilder } from 'kysely';
import { Money } from '@erpcore/domain';
import { decodeCursor, InvalidCursorError, pageSize, toPage, type Page } from '../keyset-cursor.js';
import type { ReadDb } from '../read-db.js';
import type { ReadModels } from '../read-models.js';
import { readsTables } from '../read-query.js';
import type { PurchaseOrderListLine } from './purchasing.tables.js';
import './purchasing.tables.js';

/** A purchase order as `GET /v1/purchase-orders` lists it. */
export interface PurchaseOrderListView {
  readonly id: string;
  readonly status: string;
  readonly supplierId: string;
  readonly warehouseId: string;
  readonly lines: readonly PurchaseOrderListLine[];
  /** Σ ordered quantity × unit cost. */
  readonly total: Money;
  /** Σ value of the goods received against it. */
  readonly receivedValue: Money;
  /** Σ amount billed against it. */
  readonly billedAmount: Money;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PurchaseOrderListFilter {
  readonly status?: string | undefined;
  readonly limit?: number;
  readonly cursor?: string | undefined;
}

const columns = (qb: SelectQueryBuilder<ReadModels, 'purchase_order_list', object>) =>
  qb.select([
    'id',
    'status',
    'supplier_id',
    'warehouse_id',
    'lines',
    'total',
    'received_value',
    'billed_amount',
    'created_at',
    'updated_at',
    // The exact time for the cursor, microseconds included (a JS Date would round to milliseconds).
    sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as(
      'created_at_key',
    ),
  ]);

type Row = Awaited<ReturnType<ReturnType<typeof columns>['executeTakeFirstOrThrow']>>;

const cents = (v: string): Money => Money.ofCents(BigInt(v));

const toView = (r: Row): PurchaseOrderListView => ({
  id: r.id,
  status: r.status,
  supplierId: r.supplier_id,
  warehouseId: r.warehouse_id,
  lines: r.lines,
  total: cents(r.total),
  receivedValue: cents(r.received_value),
  billedAmount: cents(r.billed_amount),
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

const cursorTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A page of purchase orders, newest first (ties by id, descending), in ONE statement: with a
 * `status` the status index, without it the creation index, each ending in
 * `(created_at desc, id desc)`, so the keyset condition starts the range scan after the cursor.
 * Throws InvalidCursorError.
 */
export const listPurchaseOrders = readsTables(
  ['purchase_order_list'],
  async (
    db: ReadDb,
    filter: PurchaseOrderListFilter = {},
  ): Promise<Page<PurchaseOrderListView>> => {
    const limit = pageSize(filter.limit);
    let query = columns(db.selectFrom('purchase_order_list'));
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.cursor !== undefined) {
      const [createdAt = '', id = ''] = decodeCursor(filter.cursor, 2);
      if (!cursorTime.test(createdAt)) throw new InvalidCursorError(filter.cursor);
      query = query.where(sql<boolean>`(created_at, id) < (${createdAt}::timestamptz, ${id})`);
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    return toPage(rows, limit, toView, (r) => [r.created_at_key, r.id]);
  },
);
