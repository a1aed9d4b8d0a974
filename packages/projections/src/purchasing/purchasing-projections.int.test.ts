import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asId,
  Money,
  purchaseOrderEventC,
  Quantity,
  supplierEventC,
  UnitCost,
  type CalendarDate,
  type Name,
  type PurchaseOrderEvent,
  type SupplierEvent,
} from '@erpcore/domain';
import { createPgliteClient, type SqlClient, type StoredEvent } from '@erpcore/eventstore';
import { createReadDb, type ReadDb } from '../read-db.js';
import { listPurchaseOrders } from './purchase-order.queries.js';
import { purchaseOrderListProjection } from './purchase-order-list.projection.js';
import { supplierBalancesProjection } from './supplier-balances.projection.js';
import { listSuppliers } from './supplier.queries.js';

const stored = (
  codec: typeof purchaseOrderEventC | typeof supplierEventC,
  event: PurchaseOrderEvent | SupplierEvent,
  position: bigint,
): StoredEvent => {
  const { type, data } = JSON.parse(JSON.stringify(codec.encode(event as never))) as {
    type: string;
    data: unknown;
  };
  return {
    type,
    data,
    eventId: randomUUID(),
    streamId: 'spec',
    revision: position,
    position,
    metadata: {
      actor: 't',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-03-02T10:00:00.000Z',
      schemaVersion: 1,
    },
  };
};

const day = '2026-03-02' as CalendarDate;
const PO = 'PO-1';
const drafted = (id: string, at: string): PurchaseOrderEvent => ({
  type: 'PurchaseOrderDrafted',
  data: {
    id: asId(id),
    supplierId: asId('S1'),
    warehouseId: asId('W1'),
    lines: [
      {
        productId: asId('P1'),
        quantity: Quantity.ofScaled(3_000n),
        unitCost: UnitCost.ofScaled(3_333_333n),
      },
    ],
    at,
  },
});
const received: PurchaseOrderEvent = {
  type: 'GoodsReceived',
  data: {
    id: asId(PO),
    receiptId: asId('R1'),
    date: day,
    lines: [
      { productId: asId('P1'), quantity: Quantity.ofScaled(1_000n), value: Money.ofCents(333n) },
    ],
    value: Money.ofCents(333n),
    journalEntryId: null,
    fullyReceived: false,
  },
};

describe('purchasing list read models', () => {
  let client: SqlClient;
  let db: ReadDb;
  const apply = async (events: readonly StoredEvent[]) => {
    for (const e of events) {
      const projection = e.type.startsWith('Supplier')
        ? supplierBalancesProjection
        : purchaseOrderListProjection;
      await db.transaction().execute((trx) => projection.apply(trx, e));
    }
  };

  beforeAll(async () => {
    client = await createPgliteClient();
    db = createReadDb(client);
    await purchaseOrderListProjection.createTables(db);
    await supplierBalancesProjection.createTables(db);
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await client?.close();
  });

  it('sums receipts and bills once, however often an event is replayed', async () => {
    const history = [
      stored(purchaseOrderEventC, drafted('PO-1', '2026-03-01T09:00:00.000Z'), 1n),
      stored(
        purchaseOrderEventC,
        { type: 'PurchaseOrderPlaced', data: { id: asId(PO), at: '2026-03-01T10:00:00.000Z' } },
        2n,
      ),
      stored(purchaseOrderEventC, received, 3n),
      stored(
        supplierEventC,
        { type: 'SupplierRegistered', data: { id: asId('S1'), name: 'Acme' as Name } },
        4n,
      ),
      stored(
        supplierEventC,
        {
          type: 'SupplierBilled',
          data: {
            supplierId: asId('S1'),
            billId: asId('B1'),
            orderId: asId(PO),
            amount: Money.ofCents(333n),
            balanceAfter: Money.ofCents(333n),
            date: day,
          },
        },
        5n,
      ),
    ];
    await apply(history);
    // A batch that rolled back after its first statements is applied again from the start.
    await apply(history);
    const page = await listPurchaseOrders(db, {});
    expect(
      page.items.map((o) => [o.id, o.status, o.total, o.receivedValue, o.billedAmount]),
    ).toEqual([['PO-1', 'partially_received', 1000n, 333n, 0n]]);
    expect((await listSuppliers(db)).items).toEqual([{ id: 'S1', name: 'Acme', balance: 333n }]);
  });

  it('serves a status page from its index, already in list order (no sort)', async () => {
    for (let i = 0; i < 50; i++)
      await apply([
        stored(
          purchaseOrderEventC,
          drafted(`X-${i}`, `2026-02-01T00:00:${String(i).padStart(2, '0')}.000Z`),
          BigInt(100 + i),
        ),
      ]);
    // Too few rows for the planner to prefer an index on its own: forbid the alternatives, so a
    // Sort left in the plan means no index serves the list's order.
    for (const off of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
      await sql`set ${sql.raw(off)} = off`.execute(db);
    try {
      for (const status of [sql`where status = 'draft'`, sql``]) {
        const plan = await sql<{ 'QUERY PLAN': string }>`
          explain select id from purchase_order_list ${status}
          order by created_at desc, id desc limit 11`.execute(db);
        const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(text).toMatch(/Index (Only )?Scan/);
        expect(text).not.toMatch(/Sort/);
      }
    } finally {
      for (const off of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
        await sql`reset ${sql.raw(off)}`.execute(db);
    }
    const drafts = await listPurchaseOrders(db, { status: 'draft', limit: 10 });
    expect(drafts.items[0]?.id).toBe('X-49');
    expect(drafts.nextCursor).not.toBeNull();
  });
});
