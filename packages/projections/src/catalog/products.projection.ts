import type { ProjectionDefinition } from '../projection-definition.js';
import { ProductCreatedDataC, decodeData } from './event-data.js';

/** `products`: one row per product, from `ProductCreated`. */
export const productsProjection: ProjectionDefinition = {
  name: 'products',
  version: 1,
  tables: ['products'],
  createTables: async (db) => {
    await db.schema
      .createTable('products')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
  },
  handles: ['ProductCreated'],
  apply: async (trx, event) => {
    const data = decodeData(ProductCreatedDataC, event);
    await trx
      .insertInto('products')
      .values({
        id: data.id,
        name: data.name,
        unit: data.unit,
        position: event.position,
        created_at: event.metadata.occurredAt,
      })
      .execute();
  },
};
