import { supplierEventC, supplierEventTypes } from '@erpcore/domain';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import './purchasing.tables.js';

/**
 * `supplier_balances`: one row per supplier with what we owe them. Bills and payments carry the
 * balance after them, so the row is set, never incremented: replaying an event changes nothing.
 */
export const supplierBalancesProjection: ProjectionDefinition = {
  name: 'supplier_balances',
  version: 1,
  tables: ['supplier_balances'],
  handles: supplierEventTypes,
  createTables: async (db) => {
    await db.schema
      .createTable('supplier_balances')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('balance', 'bigint', (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
  },
  apply: async (trx, stored) => {
    const event = decodedEvent(supplierEventC, stored);
    switch (event.type) {
      case 'SupplierRegistered':
        await trx
          .insertInto('supplier_balances')
          .values({
            id: event.data.id,
            name: event.data.name,
            balance: '0',
            position: stored.position,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        return;
      case 'SupplierBilled':
      case 'SupplierPaid':
        await trx
          .updateTable('supplier_balances')
          .set({ balance: event.data.balanceAfter.toString(), position: stored.position })
          .where('id', '=', event.data.supplierId)
          .where('position', '<', stored.position.toString())
          .execute();
        return;
    }
  },
};
