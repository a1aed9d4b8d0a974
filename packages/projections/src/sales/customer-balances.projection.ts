import { sql } from 'kysely';
import { Money, customerEventC, customerEventTypes } from '@erpcore/domain';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { createUpdateRuns } from '../engine/create-update-runs.js';
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
    const event = decodedEvent(customerEventC, stored);
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
      case 'CustomerCredited':
        await trx
          .updateTable('customer_balances')
          .set({ balance: Money.format(event.data.balanceAfter), position: stored.position })
          .where('id', '=', event.data.customerId)
          .execute();
        return;
    }
  },
  // Registrations become one multi-row INSERT and balance changes one multi-row UPDATE per run.
  applyBatch: async (trx, events) => {
    const runs = createUpdateRuns<
      { name: string; phone: string | null; position: string },
      { balance: string; position: string }
    >(async (registered, changed) => {
      const rows = [...registered].map(([id, r]) => ({ id, ...r }));
      if (rows.length > 0)
        await sql`
          insert into customer_balances (id, name, phone, balance, position)
          select id, name, phone, 0, position
          from unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.name)}::text[],
                      ${rows.map((r) => r.phone)}::text[], ${rows.map((r) => r.position)}::bigint[])
            as u(id, name, phone, position)
          on conflict (id) do nothing`.execute(trx);
      const changes = [...changed].map(([id, c]) => ({ id, ...c }));
      if (changes.length > 0)
        await sql`
          update customer_balances c set balance = u.balance::numeric, position = u.position
          from unnest(${changes.map((c) => c.id)}::text[], ${changes.map((c) => c.balance)}::text[],
                      ${changes.map((c) => c.position)}::bigint[]) as u(id, balance, position)
          where c.id = u.id`.execute(trx);
    });
    for (const stored of events) {
      const event = decodedEvent(customerEventC, stored);
      const position = stored.position.toString();
      if (event.type === 'CustomerRegistered')
        await runs.create(event.data.id, {
          name: event.data.name,
          phone: event.data.phone,
          position,
        });
      else if (event.type !== 'CustomerCreditLimitSet')
        await runs.update(event.data.customerId, {
          balance: Money.format(event.data.balanceAfter),
          position,
        });
    }
    await runs.finish();
  },
};
