import { sql } from 'kysely';
import { Money, Quantity, orderEventC, orderEventTypes } from '@erpcore/domain';
import { decodeEvent } from '@erpcore/eventstore';
import type { ProjectionDefinition } from '../projection-definition.js';
import type { OrderListItem } from './sales-tables.js';
import './sales-tables.js';

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
    const event = decodeEvent(orderEventC, stored);
    const position = stored.position;
    switch (event.type) {
      case 'OrderPlaced': {
        const d = event.data;
        const items: OrderListItem[] = d.items.map((l) => ({
          productId: l.productId,
          productName: l.productName,
          quantity: Quantity.format(l.quantity),
          unitPrice: Money.format(l.unitPrice),
          lineTotal: Money.format(l.lineTotal),
        }));
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
        const status =
          event.type === 'OrderConfirmed'
            ? 'confirmed'
            : event.type === 'OrderDelivered'
              ? 'delivered'
              : 'cancelled';
        await trx
          .updateTable('order_list')
          .set({ status, updated_at: event.data.at, position })
          .where('id', '=', event.data.id)
          .execute();
        return;
      }
    }
  },
};
