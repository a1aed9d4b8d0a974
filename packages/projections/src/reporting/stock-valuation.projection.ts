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

/**
 * Sets each pair's row unless it already holds a later event, and moves its warehouse's total by
 * what the row's value moved (the `old` CTE reads the rows as they were before the statement).
 */
const upsert = async (
  trx: Parameters<ProjectionDefinition['apply']>[0],
  rows: readonly Row[],
): Promise<void> => {
  await sql`
    with input as (
      select * from unnest(${rows.map((r) => r.product)}::text[], ${rows.map((r) => r.warehouse)}::text[],
                           ${rows.map((r) => r.onHand)}::bigint[], ${rows.map((r) => r.value)}::bigint[],
                           ${rows.map((r) => r.unitCost)}::bigint[], ${rows.map((r) => r.position)}::bigint[])
        as i(product_id, warehouse_id, on_hand, value, unit_cost, position)),
    old as (
      select s.product_id, s.warehouse_id, s.value from stock_valuation s
      join input i on i.product_id = s.product_id and i.warehouse_id = s.warehouse_id),
    written as (
      insert into stock_valuation (product_id, warehouse_id, on_hand, value, unit_cost, position)
      select * from input
      on conflict (product_id, warehouse_id) do update
        set on_hand = excluded.on_hand, value = excluded.value, unit_cost = excluded.unit_cost,
            position = excluded.position
        where stock_valuation.position < excluded.position
      returning product_id, warehouse_id, value)
    insert into stock_value_by_warehouse (warehouse_id, value)
    select w.warehouse_id, sum(w.value - coalesce(o.value, 0)) from written w
    left join old o on o.product_id = w.product_id and o.warehouse_id = w.warehouse_id
    group by w.warehouse_id
    on conflict (warehouse_id) do update
      set value = stock_value_by_warehouse.value + excluded.value`.execute(trx);
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
 * upsert of the last event's figures: idempotent, never moved backwards. Beside it,
 * `stock_value_by_warehouse` sums the values per warehouse, so a valuation's total is one row.
 */
export const stockValuationProjection: ProjectionDefinition = {
  name: 'stock_valuation',
  version: 2,
  tables: ['stock_valuation', 'stock_value_by_warehouse'],
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
    await db.schema
      .createTable('stock_value_by_warehouse')
      .addColumn('warehouse_id', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
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
