import { sql } from 'kysely';
import { assertNever, Quantity, stockEventC, type StockEvent } from '@erpcore/domain';
import { decodedEvent } from '../decoded-event.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import type { StockLedgerKind } from './inventory.tables.js';
import './inventory.tables.js';

type Movement = Exclude<StockEvent, { type: 'StockReserved' | 'StockReleased' }>;

/** The ledger row an on-hand movement makes: kind, signed quantity, reference. */
const ledgerEntry = (
  event: Movement,
): {
  kind: StockLedgerKind;
  quantity: Quantity;
  reference: string | null;
  bookQuantity?: Quantity;
} => {
  switch (event.type) {
    case 'StockReceived':
      return { kind: 'receipt', quantity: event.data.quantity, reference: event.data.reference };
    case 'StockIssued':
      return {
        kind: 'issue',
        quantity: Quantity.negate(event.data.quantity),
        reference: event.data.reference,
      };
    case 'StockAdjusted':
      return {
        kind: 'adjustment',
        quantity: event.data.quantity,
        reference: event.data.reason,
        bookQuantity: event.data.bookQuantity,
      };
    case 'StockDelivered':
      return {
        kind: 'delivery',
        quantity: Quantity.negate(event.data.quantity),
        reference: event.data.reference,
      };
    case 'StockTransferredOut':
      return {
        kind: 'transfer_out',
        quantity: Quantity.negate(event.data.quantity),
        reference: event.data.transferId,
      };
    case 'StockTransferredIn':
      return {
        kind: 'transfer_in',
        quantity: event.data.quantity,
        reference: event.data.transferId,
      };
    default:
      return assertNever(event);
  }
};

const sqlKinds = sql<boolean>`kind in ('receipt', 'issue', 'adjustment', 'transfer_out', 'transfer_in', 'delivery')`;

const movementTypes: readonly Movement['type'][] = [
  'StockReceived',
  'StockIssued',
  'StockAdjusted',
  'StockDelivered',
  'StockTransferredOut',
  'StockTransferredIn',
];

/**
 * `stock_ledger`: every on-hand movement with the running balance after it, keyed by position.
 * Version 2 added `book_quantity` (what a count found on the books), from StockAdjusted version 2.
 */
export const stockLedgerProjection: ProjectionDefinition = {
  name: 'stock_ledger',
  version: 2,
  tables: ['stock_ledger'],
  createTables: async (db) => {
    await db.schema
      .createTable('stock_ledger')
      .addColumn('position', 'bigint', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlKinds))
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('balance_after', 'bigint', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('book_quantity', 'bigint')
      .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
      .execute();
    // A product's ledger oldest first, and the same within one warehouse: both keyset scans.
    await db.schema
      .createIndex('stock_ledger_by_product')
      .on('stock_ledger')
      .columns(['product_id', 'position'])
      .execute();
    await db.schema
      .createIndex('stock_ledger_by_product_warehouse')
      .on('stock_ledger')
      .columns(['product_id', 'warehouse_id', 'position'])
      .execute();
  },
  handles: movementTypes,
  apply: async (trx, stored) => {
    const event = decodedEvent(stockEventC, stored);
    if (event.type === 'StockReserved' || event.type === 'StockReleased') return;
    const { kind, quantity, reference, bookQuantity } = ledgerEntry(event);
    await trx
      .insertInto('stock_ledger')
      .values({
        position: stored.position,
        product_id: event.data.productId,
        warehouse_id: event.data.warehouseId,
        kind,
        quantity,
        balance_after: event.data.balanceAfter,
        reference,
        book_quantity: bookQuantity ?? null,
        occurred_at: stored.metadata.occurredAt,
      })
      .onConflict((oc) => oc.column('position').doNothing())
      .execute();
  },
  // Rows are independent (keyed by position, balances carried by the events): one INSERT.
  applyBatch: async (trx, events) => {
    const rows = [];
    for (const stored of events) {
      const event = decodedEvent(stockEventC, stored);
      if (event.type === 'StockReserved' || event.type === 'StockReleased') continue;
      rows.push({ stored, data: event.data, ...ledgerEntry(event) });
    }
    if (rows.length === 0) return;
    await sql`
      insert into stock_ledger (position, product_id, warehouse_id, kind, quantity, balance_after, reference, book_quantity, occurred_at)
      select position, product_id, warehouse_id, kind, quantity, balance_after, reference, book_quantity, occurred_at::timestamptz
      from unnest(${rows.map((r) => r.stored.position.toString())}::bigint[], ${rows.map((r) => r.data.productId)}::text[],
                  ${rows.map((r) => r.data.warehouseId)}::text[], ${rows.map((r) => r.kind)}::text[],
                  ${rows.map((r) => r.quantity.toString())}::bigint[], ${rows.map((r) => r.data.balanceAfter.toString())}::bigint[],
                  ${rows.map((r) => r.reference)}::text[], ${rows.map((r) => r.bookQuantity?.toString() ?? null)}::bigint[],
                  ${rows.map((r) => r.stored.metadata.occurredAt)}::text[])
        as u(position, product_id, warehouse_id, kind, quantity, balance_after, reference, book_quantity, occurred_at)
      on conflict (position) do nothing`.execute(trx);
  },
};
