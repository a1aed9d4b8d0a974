import type { ProjectionDefinition } from '../projection-definition.js';
import { WarehouseCreatedDataC, decodeData } from './event-data.js';

/** `warehouses`: one row per warehouse, from `WarehouseCreated`. */
export const warehousesProjection: ProjectionDefinition = {
  name: 'warehouses',
  version: 1,
  tables: ['warehouses'],
  createTables: async (db) => {
    await db.schema
      .createTable('warehouses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('branch_id', 'text')
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },
  handles: ['WarehouseCreated'],
  apply: async (trx, event) => {
    const data = decodeData(WarehouseCreatedDataC, event);
    await trx
      .insertInto('warehouses')
      .values({
        id: data.id,
        name: data.name,
        branch_id: data.branchId,
        position: event.position,
        created_at: event.metadata.occurredAt,
      })
      .execute();
  },
};
