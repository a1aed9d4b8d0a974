import { sql } from 'kysely';
import { Money, customerEventC, customerEventTypes } from '@erpcore/domain';
import { decodeEvent } from '@erpcore/eventstore';
import type { ProjectionDefinition } from '../projection-definition.js';
import './sales-tables.js';

/**
 * `customer_balances`: one row per customer with what they owe. Charges and payments carry the
 * balance after them, so the row is set, never incremented: replaying an event changes nothing.
 */
export const customerBalancesProjection: ProjectionDefinition = {
  name: 'customer_balances',
  version: 1,
  tables: ['customer_balances'],
  handles: customerEventTypes,
  createTables: async (db) => {
    await db.schema
      .createTable('customer_balances')
      .ifNotExists()
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('balance', sql`numeric(20, 2)`, (c) => c.notNull())
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
  },
  apply: async (trx, stored) => {
    const event = decodeEvent(customerEventC, stored);
    switch (event.type) {
      case 'CustomerRegistered':
        await trx
          .insertInto('customer_balances')
          .values({
            id: event.data.id,
            name: event.data.name,
            phone: event.data.phone,
            balance: '0',
            position: stored.position,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        return;
      case 'CustomerCharged':
      case 'PaymentRecorded':
        await trx
          .updateTable('customer_balances')
          .set({ balance: Money.format(event.data.balanceAfter), position: stored.position })
          .where('id', '=', event.data.customerId)
          .execute();
        return;
    }
  },
};
