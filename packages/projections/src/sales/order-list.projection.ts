import { sql } from 'kysely';
import {
  Money,
  Quantity,
  orderEventC,
  orderEventTypes,
  type OrderEvent,
  type OrderPlaced,
} from '@erpcore/domain';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { createUpdateRuns } from '../engine/create-update-runs.js';
import type { OrderListItem } from './sales-tables.js';
import './sales-tables.js';

/** An order's lines as `order_list.items` stores them: decimals as strings. */
const listItems = (lines: OrderPlaced['data']['items']): OrderListItem[] =>
  lines.map((l) => ({
    productId: l.productId,
    productName: l.productName,
    quantity: Quantity.format(l.quantity),
    unitPrice: Money.format(l.unitPrice),
    lineTotal: Money.format(l.lineTotal),
  }));

/** The status each later event of an order's life sets. */
const statusOf = {
  OrderConfirmed: 'confirmed',
  OrderDelivered: 'delivered',
  OrderCancelled: 'cancelled',
} as const satisfies Record<
  Exclude<OrderEvent['type'], 'OrderPlaced' | 'OrderLinesDelivered' | 'OrderLinesReturned'>,
  string
>;

/** A placement as the batch path inserts it (every value already in its text form). */
interface PlacedRow {
  readonly id: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly branchId: string;
  readonly salespersonId: string;
  readonly warehouseId: string;
  readonly total: string;
  readonly items: string;
  readonly at: string;
  readonly position: string;
}
interface StatusChange {
  readonly status: string;
  readonly at: string;
  readonly position: string;
}

/**
 * `order_list`: one row per order. Every index ends with `(created_at desc, id desc)`, the list's
 * order, so a filtered page is an index range scan that stops after `limit + 1` rows:
 * status; branch + status; customer + status; salesperson + status; and no filter at all.
 */
export const orderListProjection: ProjectionDefinition = {
  name: 'order_list',
  version: 1,
  tables: ['order_list'],
  handles: orderEventTypes,
  createTables: async (db) => {
    await db.schema
      .createTable('order_list')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('customer_name', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text', (c) => c.notNull())
      .addColumn('salesperson_id', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('total', sql`numeric(20, 2)`, (c) => c.notNull())
      .addColumn('items', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
    const indexes: ReadonlyArray<readonly [string, readonly string[]]> = [
      ['order_list_created', []],
      ['order_list_status_created', ['status']],
      ['order_list_branch_status_created', ['branch_id', 'status']],
      ['order_list_customer_status_created', ['customer_id', 'status']],
      ['order_list_salesperson_status_created', ['salesperson_id', 'status']],
    ];
    for (const [name, columns] of indexes) {
      await db.schema
        .createIndex(name)
        .ifNotExists()
        .on('order_list')
        .columns([...columns, 'created_at desc', 'id desc'])
        .execute();
    }
  },
  apply: async (trx, stored) => {
    const event = decodedEvent(orderEventC, stored);
    const position = stored.position;
    switch (event.type) {
      case 'OrderPlaced': {
        const d = event.data;
        const items = listItems(d.items);
        await trx
          .insertInto('order_list')
          .values({
            id: d.id,
            customer_id: d.customerId,
            customer_name: d.customerName,
            branch_id: d.branchId,
            salesperson_id: d.salespersonId,
            warehouse_id: d.warehouseId,
            status: 'pending',
            total: Money.format(d.total),
            items: JSON.stringify(items),
            created_at: d.at,
            updated_at: d.at,
            position,
          })
          // A replayed batch finds its row there already: nothing to change twice.
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        return;
      }
      case 'OrderConfirmed':
      case 'OrderDelivered':
      case 'OrderCancelled': {
        const status = statusOf[event.type];
        await trx
          .updateTable('order_list')
          .set({ status, updated_at: event.data.at, position })
          .where('id', '=', event.data.id)
          .execute();
        return;
      }
    }
  },
  // Placements become one multi-row INSERT and status changes one multi-row UPDATE per run.
  applyBatch: async (trx, events) => {
    const runs = createUpdateRuns<PlacedRow, StatusChange>(async (placed, changed) => {
      const rows = [...placed.values()];
      if (rows.length > 0)
        await sql`
          insert into order_list (id, customer_id, customer_name, branch_id, salesperson_id, warehouse_id,
                                  status, total, items, created_at, updated_at, position)
          select id, customer_id, customer_name, branch_id, salesperson_id, warehouse_id,
                 'pending', total::numeric, items::jsonb, at::timestamptz, at::timestamptz, position
          from unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.customerId)}::text[],
                      ${rows.map((r) => r.customerName)}::text[], ${rows.map((r) => r.branchId)}::text[],
                      ${rows.map((r) => r.salespersonId)}::text[], ${rows.map((r) => r.warehouseId)}::text[],
                      ${rows.map((r) => r.total)}::text[], ${rows.map((r) => r.items)}::text[],
                      ${rows.map((r) => r.at)}::text[], ${rows.map((r) => r.position)}::bigint[])
            as u(id, customer_id, customer_name, branch_id, salesperson_id, warehouse_id, total, items, at, position)
          on conflict (id) do nothing`.execute(trx);
      const changes = [...changed].map(([id, c]) => ({ id, ...c }));
      if (changes.length > 0)
        await sql`
          update order_list o set status = u.status, updated_at = u.at::timestamptz, position = u.position
          from unnest(${changes.map((c) => c.id)}::text[], ${changes.map((c) => c.status)}::text[],
                      ${changes.map((c) => c.at)}::text[], ${changes.map((c) => c.position)}::bigint[])
            as u(id, status, at, position)
          where o.id = u.id`.execute(trx);
    });
    for (const stored of events) {
      const event = decodedEvent(orderEventC, stored);
      const position = stored.position.toString();
      if (event.type === 'OrderPlaced') {
        const d = event.data;
        await runs.create(d.id, {
          id: d.id,
          customerId: d.customerId,
          customerName: d.customerName,
          branchId: d.branchId,
          salespersonId: d.salespersonId,
          warehouseId: d.warehouseId,
          total: Money.format(d.total),
          items: JSON.stringify(listItems(d.items)),
          at: d.at,
          position,
        });
      } else if (event.type !== 'OrderLinesDelivered' && event.type !== 'OrderLinesReturned')
        await runs.update(event.data.id, {
          status: statusOf[event.type],
          at: event.data.at,
          position,
        });
    }
    await runs.finish();
  },
};
