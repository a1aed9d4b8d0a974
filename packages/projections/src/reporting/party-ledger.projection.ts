import { sql } from 'kysely';
import {
  Money,
  customerEventC,
  supplierEventC,
  type CustomerEvent,
  type SupplierEvent,
} from '@erpcore/domain';
import { decodeEvent, type StoredEvent } from '@erpcore/eventstore';
import type { ProjectionDefinition } from '../projection-definition.js';
import type { PartyLedgerTable } from './reporting.tables.js';
import './reporting.tables.js';

type Row = Pick<PartyLedgerTable, 'party_kind' | 'party_id' | 'document_id'> & {
  position: string;
  day: string;
  amount: string;
};

const customerTypes = ['CustomerCharged', 'PaymentRecorded', 'CustomerCredited'] as const;
const supplierTypes = ['SupplierBilled', 'SupplierPaid'] as const;

const customerRow = (e: CustomerEvent, position: string): Row | undefined => {
  switch (e.type) {
    case 'CustomerCharged':
      return row('customer', e.data.customerId, e.data.orderId, e.data.at, e.data.amount, position);
    case 'PaymentRecorded':
      return row(
        'customer',
        e.data.customerId,
        e.data.paymentId,
        e.data.at,
        Money.negate(e.data.amount),
        position,
      );
    case 'CustomerCredited':
      return row(
        'customer',
        e.data.customerId,
        e.data.returnId,
        e.data.at,
        Money.negate(e.data.amount),
        position,
      );
    default:
      return undefined;
  }
};

const supplierRow = (e: SupplierEvent, position: string): Row | undefined => {
  switch (e.type) {
    case 'SupplierBilled':
      return row(
        'supplier',
        e.data.supplierId,
        e.data.billId,
        e.data.date,
        e.data.amount,
        position,
      );
    case 'SupplierPaid':
      return row(
        'supplier',
        e.data.supplierId,
        e.data.paymentId,
        e.data.date,
        Money.negate(e.data.amount),
        position,
      );
    default:
      return undefined;
  }
};

const row = (
  kind: Row['party_kind'],
  party: string,
  document: string,
  at: string,
  amount: bigint,
  position: string,
): Row => ({
  party_kind: kind,
  party_id: party,
  document_id: document,
  day: at.slice(0, 10),
  amount: amount.toString(),
  position,
});

const rowOf = (stored: StoredEvent): Row | undefined => {
  const position = stored.position.toString();
  return (supplierTypes as readonly string[]).includes(stored.type)
    ? supplierRow(decodeEvent(supplierEventC, stored), position)
    : customerRow(decodeEvent(customerEventC, stored), position);
};

const insert = async (
  trx: Parameters<ProjectionDefinition['apply']>[0],
  rows: readonly Row[],
): Promise<void> => {
  if (rows.length === 0) return;
  await sql`
    insert into party_ledger (position, party_kind, party_id, document_id, day, amount)
    select * from unnest(${rows.map((r) => r.position)}::bigint[], ${rows.map((r) => r.party_kind)}::text[],
                         ${rows.map((r) => r.party_id)}::text[], ${rows.map((r) => r.document_id)}::text[],
                         ${rows.map((r) => r.day)}::date[], ${rows.map((r) => r.amount)}::bigint[])
    on conflict (position) do nothing`.execute(trx);
};

/**
 * `party_ledger`: every change to what a customer owes us (deliveries +, payments and returns −)
 * or we owe a supplier (bills +, payments −), dated, one row per event keyed by its position.
 * The aging report allocates payments to the oldest documents first over it, in one statement.
 */
export const partyLedgerProjection: ProjectionDefinition = {
  name: 'party_ledger',
  version: 1,
  tables: ['party_ledger'],
  createTables: async (db) => {
    await db.schema
      .createTable('party_ledger')
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('party_kind', 'text', (c) => c.notNull())
      .addColumn('party_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('day', 'date', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('party_ledger_by_party')
      .on('party_ledger')
      .columns(['party_kind', 'party_id', 'day'])
      .execute();
  },
  handles: [...customerTypes, ...supplierTypes],
  apply: async (trx, stored) => {
    const r = rowOf(stored);
    await insert(trx, r === undefined ? [] : [r]);
  },
  applyBatch: async (trx, events) => {
    await insert(
      trx,
      events.map(rowOf).filter((r): r is Row => r !== undefined),
    );
  },
};
