import { sql } from 'kysely';
import { stockEventC, stockEventTypes } from '@erpcore/domain';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import './reporting.tables.js';

interface Row {
  product: string;
  warehouse: string;
  onHand: string;
  value: string;
  unitCost: string;
  position: string;
}

const upsert = async (
  trx: Parameters<ProjectionDefinition['apply']>[0],
  rows: readonly Row[],
): Promise<void> => {
  await sql`
    insert into stock_valuation (product_id, warehouse_id, on_hand, value, unit_cost, position)
    select * from unnest(${rows.map((r) => r.product)}::text[], ${rows.map((r) => r.warehouse)}::text[],
                         ${rows.map((r) => r.onHand)}::bigint[], ${rows.map((r) => r.value)}::bigint[],
                         ${rows.map((r) => r.unitCost)}::bigint[], ${rows.map((r) => r.position)}::bigint[])
    on conflict (product_id, warehouse_id) do update
      set on_hand = excluded.on_hand, value = excluded.value, unit_cost = excluded.unit_cost,
          position = excluded.position
      where stock_valuation.position < excluded.position`.execute(trx);
};

const rowOf = (stored: Parameters<ProjectionDefinition['apply']>[1]): Row => {
  const { data } = decodedEvent(stockEventC, stored);
  return {
    product: data.productId,
    warehouse: data.warehouseId,
    onHand: data.balanceAfter.toString(),
    value: (data.valueAfter ?? 0n).toString(),
    unitCost: (data.unitCostAfter ?? 0n).toString(),
    position: stored.position.toString(),
  };
};

/**
 * `stock_valuation`: on hand, value and unit cost per product and warehouse. Every stock event
 * carries its valuation after it (absent = 0 for events older than valuation), so a row is an
 * upsert of the last event's figures: no arithmetic, idempotent, never moved backwards.
 */
export const stockValuationProjection: ProjectionDefinition = {
  name: 'stock_valuation',
  version: 1,
  tables: ['stock_valuation'],
  createTables: async (db) => {
    await db.schema
      .createTable('stock_valuation')
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.notNull())
      .addColumn('on_hand', 'bigint', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('unit_cost', 'bigint', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_valuation_pk', ['product_id', 'warehouse_id'])
      .execute();
    await db.schema
      .createIndex('stock_valuation_by_warehouse')
      .on('stock_valuation')
      .columns(['warehouse_id', 'product_id'])
      .execute();
  },
  handles: stockEventTypes,
  apply: (trx, stored) => upsert(trx, [rowOf(stored)]),
  // Each event sets the whole row, so a batch needs only each pair's last event: one upsert.
  applyBatch: async (trx, events) => {
    const last = new Map<string, Row>();
    for (const stored of events) {
      const row = rowOf(stored);
      last.set(`${row.product}\u0000${row.warehouse}`, row);
    }
    await upsert(trx, [...last.values()]);
  },
};
