import { sql } from 'kysely';
import { stockEventC, stockEventTypes, type StockEvent } from '@erpcore/domain';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import './inventory.tables.js';

/**
 * `stock_levels`: on hand, reserved and available per product and warehouse. Every stock event
 * carries the stream's state after it, so a row is an upsert of that state — no read, no
 * arithmetic, idempotent, and a replayed older event never overwrites a newer one.
 */
export const stockLevelsProjection: ProjectionDefinition = {
  name: 'stock_levels',
  version: 1,
  tables: ['stock_levels'],
  createTables: async (db) => {
    await db.schema
      .createTable('stock_levels')
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.notNull())
      .addColumn('on_hand', 'bigint', (c) => c.notNull())
      .addColumn('reserved', 'bigint', (c) => c.notNull())
      .addColumn('available', 'bigint', (c) =>
        c
          .notNull()
          .generatedAlwaysAs(sql`on_hand - reserved`)
          .stored(),
      )
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_levels_pk', ['product_id', 'warehouse_id'])
      .execute();
    // GET /v1/stock?warehouseId= pages through one warehouse in product order.
    await db.schema
      .createIndex('stock_levels_by_warehouse')
      .on('stock_levels')
      .columns(['warehouse_id', 'product_id'])
      .execute();
  },
  handles: stockEventTypes,
  apply: async (trx, stored) => {
    const { data } = decodedEvent(stockEventC, stored);
    await trx
      .insertInto('stock_levels')
      .values({
        product_id: data.productId,
        warehouse_id: data.warehouseId,
        on_hand: data.balanceAfter,
        reserved: data.reservedAfter,
        position: stored.position,
      })
      .onConflict((oc) =>
        oc
          .columns(['product_id', 'warehouse_id'])
          .doUpdateSet((eb) => ({
            on_hand: eb.ref('excluded.on_hand'),
            reserved: eb.ref('excluded.reserved'),
            position: eb.ref('excluded.position'),
          }))
          .where('stock_levels.position', '<', (eb) => eb.ref('excluded.position')),
      )
      .execute();
  },
  // Each event sets the whole row, so a batch needs only each pair's last event: one upsert.
  applyBatch: async (trx, events) => {
    const last = new Map<string, { data: StockEvent['data']; position: bigint }>();
    for (const stored of events) {
      const { data } = decodedEvent(stockEventC, stored);
      last.set(`${data.productId}\u0000${data.warehouseId}`, { data, position: stored.position });
    }
    const rows = [...last.values()];
    await sql`
      insert into stock_levels (product_id, warehouse_id, on_hand, reserved, position)
      select * from unnest(${rows.map((r) => r.data.productId)}::text[], ${rows.map((r) => r.data.warehouseId)}::text[],
                           ${rows.map((r) => r.data.balanceAfter.toString())}::bigint[],
                           ${rows.map((r) => r.data.reservedAfter.toString())}::bigint[],
                           ${rows.map((r) => r.position.toString())}::bigint[])
      on conflict (product_id, warehouse_id) do update
        set on_hand = excluded.on_hand, reserved = excluded.reserved, position = excluded.position
        where stock_levels.position < excluded.position`.execute(trx);
  },
};
