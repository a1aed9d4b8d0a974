import { sql, type UpdateObject } from 'kysely';
import {
  Money,
  purchaseOrderEventC,
  purchaseOrderEventTypes,
  Quantity,
  UnitCost,
} from '@erpcore/domain';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import type { ReadModels } from '../read-models.js';
import './purchasing.tables.js';

/**
 * `purchase_order_list`: one row per purchase order. Both indexes end with
 * `(created_at desc, id desc)`, the list's order, so a page (all, or one status) is an index range
 * scan that stops after `limit + 1` rows. Receipts and bills add to running sums, so every update
 * is guarded by the row's position: an event at or below it was applied already.
 */
export const purchaseOrderListProjection: ProjectionDefinition = {
  name: 'purchase_order_list',
  version: 1,
  tables: ['purchase_order_list'],
  handles: purchaseOrderEventTypes,
  createTables: async (db) => {
    await db.schema
      .createTable('purchase_order_list')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('supplier_id', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('lines', 'jsonb', (c) => c.notNull())
      .addColumn('total', 'bigint', (c) => c.notNull())
      .addColumn('received_value', 'bigint', (c) => c.notNull())
      .addColumn('billed_amount', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
    for (const [name, columns] of [
      ['purchase_order_list_created', []],
      ['purchase_order_list_status_created', ['status']],
    ] as const)
      await db.schema
        .createIndex(name)
        .ifNotExists()
        .on('purchase_order_list')
        .columns([...columns, 'created_at desc', 'id desc'])
        .execute();
  },
  apply: async (trx, stored) => {
    const event = decodedEvent(purchaseOrderEventC, stored);
    const position = stored.position.toString();
    const update = (changes: UpdateObject<ReadModels, 'purchase_order_list'>) =>
      trx
        .updateTable('purchase_order_list')
        .set({ ...changes, position })
        .where('id', '=', event.data.id)
        .where('position', '<', position)
        .execute();
    const at = stored.metadata.occurredAt;
    switch (event.type) {
      case 'PurchaseOrderDrafted': {
        const d = event.data;
        await trx
          .insertInto('purchase_order_list')
          .values({
            id: d.id,
            supplier_id: d.supplierId,
            warehouse_id: d.warehouseId,
            status: 'draft',
            lines: JSON.stringify(
              d.lines.map((l) => ({
                productId: l.productId,
                quantity: Quantity.format(l.quantity),
                unitCost: UnitCost.format(l.unitCost),
              })),
            ),
            total: Money.sum(
              d.lines.map((l) => UnitCost.valueOf(l.quantity, l.unitCost)),
            ).toString(),
            received_value: '0',
            billed_amount: '0',
            created_at: d.at,
            updated_at: d.at,
            position,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        return;
      }
      case 'PurchaseOrderPlaced':
        await update({ status: 'ordered', updated_at: event.data.at });
        return;
      case 'GoodsReceived':
        await update({
          status: event.data.fullyReceived ? 'received' : 'partially_received',
          received_value: sql<string>`received_value + ${event.data.value}`,
          updated_at: at,
        });
        return;
      case 'PurchaseOrderBilled':
        await update({
          billed_amount: sql<string>`billed_amount + ${event.data.amount}`,
          updated_at: at,
        });
        return;
      case 'PurchaseOrderClosed':
        await update({ status: 'closed', updated_at: event.data.at });
        return;
    }
  },
};
