import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInMemoryEventStore,
  upcasters,
  type EventStore,
  type EventToAppend,
} from '@erpcore/eventstore';
import {
  accountTreeProjection,
  catchUpProjection,
  customerBalancesProjection,
  migrateReadModels,
  orderListProjection,
  partyAgingProjection,
  rebuildProjection,
  stockLedgerProjection,
  stockLevelsProjection,
  stockValuationProjection,
  type ProjectionDefinition,
} from '../index.js';
import { backendKinds, type Backend } from '../testing/backends.js';
import { snapshotTable } from '../testing/table-snapshot.js';

const postgres = backendKinds.find((k) => k.kind === 'postgres');
const up = (await postgres?.available()) ?? false;

/** Every projection with a batch hook: each must leave exactly what its per-event path leaves. */
const batched = [
  stockLevelsProjection,
  stockLedgerProjection,
  accountTreeProjection,
  orderListProjection,
  customerBalancesProjection,
  stockValuationProjection,
  partyAgingProjection,
];

/** `stock_levels` under two names, one per poison policy (same tables). */
const poisoned = (['stop', 'dead_letter'] as const).map((onPoison): ProjectionDefinition => ({
  ...stockLevelsProjection,
  name: `levels_${onPoison}`,
  onPoison,
}));

const perEventOnly = (projection: ProjectionDefinition): ProjectionDefinition => {
  const { applyBatch: _unused, ...rest } = projection;
  return rest;
};

/**
 * The projection with its batch hook counting throws: the engine replays a batch that threw
 * event by event, which would hide a wrong batch path behind the right rows.
 */
let batchThrows = 0;
const counted = (projection: ProjectionDefinition): ProjectionDefinition => {
  const { applyBatch } = projection;
  if (applyBatch === undefined) return projection;
  return {
    ...projection,
    applyBatch: async (trx, events) => {
      try {
        await applyBatch(trx, events);
      } catch (error) {
        batchThrows += 1;
        throw error;
      }
    },
  };
};

const amount = (max: number) => fc.integer({ min: 0, max }).map((n) => `${n}.${n % 10}`);
const pick = <T>(...values: T[]) => fc.constantFrom(...values);

/** Stock events on a few pairs, with arbitrary (even inconsistent) states after them. */
const stockArb = fc
  .record({
    type: pick(
      'StockReceived',
      'StockIssued',
      'StockAdjusted',
      'StockReserved',
      'StockReleased',
      'StockDelivered',
      'StockTransferredOut',
      'StockTransferredIn',
    ),
    productId: pick('P1', 'P2'),
    warehouseId: pick('W1', 'W2'),
    balanceAfter: amount(50),
    reservedAfter: amount(20),
    quantity: fc.integer({ min: 1, max: 9 }).map(String),
    reference: fc.option(pick('GRN-1', 'ORD-2')),
  })
  .map(({ type, reference, ...d }) => {
    const base = { ...d };
    switch (type) {
      case 'StockAdjusted':
        return {
          type,
          data: { ...base, countedQuantity: d.balanceAfter, bookQuantity: '0', reason: 'count' },
        };
      case 'StockTransferredOut':
        return { type, data: { ...base, transferId: 'T1', toWarehouseId: 'W9' } };
      case 'StockTransferredIn':
        return { type, data: { ...base, transferId: 'T1', fromWarehouseId: 'W9' } };
      case 'StockReceived':
      case 'StockIssued':
        return { type, data: { ...base, reference } };
      default:
        return { type, data: { ...base, reference: reference ?? 'ORD-1' } };
    }
  });

const accountId = pick('A0', 'A1', 'A2', 'A3', 'A4');
const accountName = pick('Cash', 'Bank', 'Sales', 'Tax');
/** Chart events in any order: postings to missing accounts, moves under missing parents, … */
const chartArb = fc.oneof(
  {
    weight: 2,
    arbitrary: fc
      .record({ id: accountId, name: accountName, parentId: fc.option(accountId) })
      .map((d) => ({ type: 'AccountOpened', data: { ...d, type: 'asset' } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ id: accountId, name: accountName })
      .map((d) => ({ type: 'AccountRenamed', data: { ...d, previousName: 'Old' } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ id: accountId, parentId: fc.option(accountId) })
      .map((d) => ({ type: 'AccountMoved', data: { ...d, previousParentId: null } })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ id: accountId }).map((d) => ({ type: 'AccountClosed', data: d })),
  },
  {
    weight: 6,
    arbitrary: fc
      .array(
        fc.record({
          accountId,
          amount: fc.integer({ min: -9999, max: 9999 }).map((n) => (n / 100).toFixed(2)),
        }),
        { minLength: 1, maxLength: 3 },
      )
      .map((postings) => ({
        type: 'AccountsPosted',
        data: { entryId: 'JE-1', reversal: false, postings },
      })),
  },
);

const orderId = pick('O1', 'O2', 'O3');
const at = fc
  .integer({ min: 0, max: 1000 })
  .map((s) => new Date(Date.UTC(2024, 0, 1) + s * 1000).toISOString());
/** Order events in any order, also a status change before (or without) its placement. */
const orderArb = fc.oneof(
  fc.record({ id: orderId, customerId: pick('C1', 'C2'), total: amount(500), at }).map((d) => ({
    type: 'OrderPlaced',
    data: {
      ...d,
      customerName: `Customer ${d.customerId}`,
      branchId: 'B1',
      salespersonId: 'S1',
      warehouseId: 'W1',
      items: [
        { productId: 'P1', productName: 'Cloth', quantity: '1.5', unitPrice: '2', lineTotal: '3' },
      ],
    },
  })),
  fc.record({ id: orderId, at }).map((d) => ({ type: 'OrderConfirmed', data: d })),
  fc
    .record({ id: orderId, total: amount(500), at })
    .map((d) => ({ type: 'OrderDelivered', data: { ...d, journalEntryId: null } })),
  fc.record({ id: orderId, at }).map((d) => ({
    type: 'OrderCancelled',
    data: { ...d, reason: null, releasedReservations: false },
  })),
);

const customerId = pick('C1', 'C2', 'C3');
/** Debts move on a few days, in any order (a bill entered late shifts the days after it). */
const day = fc
  .integer({ min: 0, max: 5 })
  .map((d) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10));
const debt = fc.record({
  balanceAfter: amount(900),
  amount: fc.integer({ min: 1, max: 900 }).map(String),
  at: day.map((d) => `${d}T12:00:00.000Z`),
});
const customerArb = fc.oneof(
  fc
    .record({ id: customerId, name: pick('Ann', 'Bob') })
    .map((d) => ({ type: 'CustomerRegistered', data: { ...d, phone: null } })),
  fc.record({ customerId, debt }).map((d) => ({
    type: 'CustomerCharged',
    data: { ...d.debt, customerId: d.customerId, orderId: 'O1' },
  })),
  fc.record({ customerId, debt }).map((d) => ({
    type: 'PaymentRecorded',
    data: { ...d.debt, customerId: d.customerId, paymentId: 'PAY1' },
  })),
  fc.record({ customerId, debt }).map((d) => ({
    type: 'CustomerCredited',
    data: { ...d.debt, customerId: d.customerId, orderId: 'O1', returnId: 'R1' },
  })),
);
const supplierArb = fc
  .record({ supplierId: pick('S1', 'S2'), debt, billed: fc.boolean() })
  .map(({ supplierId, debt: { at: when, ...d }, billed }) =>
    billed
      ? {
          type: 'SupplierBilled',
          data: { ...d, supplierId, billId: 'B1', orderId: 'PO1', date: when.slice(0, 10) },
        }
      : {
          type: 'SupplierPaid',
          data: { ...d, supplierId, paymentId: 'SP1', date: when.slice(0, 10) },
        },
  );

const eventArb = fc.oneof(stockArb, chartArb, orderArb, customerArb, supplierArb);
type Generated = { type: string; data: object };

const append = async (store: EventStore, events: readonly Generated[]): Promise<void> => {
  for (const [i, e] of events.entries()) {
    const stored: EventToAppend = {
      eventId: randomUUID(),
      type: e.type,
      data: e.data,
      metadata: {
        actor: 't',
        correlationId: 'c',
        causationId: null,
        occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
        schemaVersion: upcasters.currentVersion(e.type),
      },
    };
    await store.appendToStream(`s-${i}`, [stored], { expectedRevision: 'any' });
  }
};

describe.skipIf(!up)('applyBatch equals apply event by event (PostgreSQL)', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await (postgres?.create('apply_batch') ?? Promise.reject(new Error('no backend')));
    await migrateReadModels(b.db, [...batched, ...poisoned]);
  });
  afterAll(async () => {
    await b?.close();
  });

  const reset = async (): Promise<void> => {
    for (const p of batched)
      for (const t of p.tables) await sql`truncate ${sql.table(t)}`.execute(b.db);
    await b.db
      .updateTable('projection_checkpoints')
      .set({ position: '0', state: 'active' })
      .execute();
  };
  const snapshot = () =>
    Promise.all(batched.flatMap((p) => p.tables).map((t) => snapshotTable(b.db, t)));

  it('on random histories caught up in random batch sizes, and in a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: 25 }),
        async (events, perEventBatch, batchBatch) => {
          const store = createInMemoryEventStore();
          await append(store, events);
          await reset();
          for (const p of batched)
            await catchUpProjection({
              store,
              db: b.db,
              projection: perEventOnly(p),
              batchSize: perEventBatch,
            });
          const perEvent = await snapshot();
          await reset();
          for (const p of batched)
            expect(
              await catchUpProjection({
                store,
                db: b.db,
                projection: counted(p),
                batchSize: batchBatch,
              }),
            ).toMatchObject({ failed: false });
          expect(await snapshot()).toEqual(perEvent);
          for (const p of batched)
            await rebuildProjection({
              store,
              db: b.db,
              client: b.client,
              projection: counted(p),
              batchSize: batchBatch,
            });
          expect(await snapshot()).toEqual(perEvent);
          expect(batchThrows).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
    // 40 histories, each caught up three ways against PostgreSQL: ~30 s on a loaded machine.
  }, 120_000);

  it('a poison event in a batch is still reported at its exact position, and dead-lettered exactly', async () => {
    const store = createInMemoryEventStore();
    const good = (n: number): Generated => ({
      type: 'StockReceived',
      data: {
        productId: 'P1',
        warehouseId: 'W1',
        balanceAfter: String(n),
        reservedAfter: '0',
        quantity: '1',
        reference: null,
      },
    });
    const poison: Generated = {
      type: 'StockReceived',
      data: { productId: 'P1', warehouseId: 'W1', balanceAfter: 'lots' },
    };
    await append(store, [good(1), good(2), poison, good(4)]);
    const positions = (await store.readAll()).map((e) => e.position);
    for (const projection of poisoned) {
      const onPoison = projection.onPoison;
      await sql`truncate stock_levels`.execute(b.db);
      const result = await catchUpProjection({ store, db: b.db, projection, batchSize: 10 });
      const row = await b.db
        .selectFrom('projection_checkpoints')
        .select(['position', 'state', 'error_position'])
        .where('name', '=', projection.name)
        .executeTakeFirstOrThrow();
      const level = await b.db
        .selectFrom('stock_levels')
        .select(['on_hand', 'position'])
        .executeTakeFirstOrThrow();
      if (onPoison === 'stop') {
        expect(result.failed).toBe(true);
        expect(row).toEqual({
          position: String(positions[1]),
          state: 'failed',
          error_position: String(positions[2]),
        });
        expect(level).toEqual({ on_hand: '2000', position: String(positions[1]) });
        // A rebuild's batch fails too, and its per-event replay names the same event.
        await expect(
          rebuildProjection({ store, db: b.db, client: b.client, projection, batchSize: 10 }),
        ).rejects.toMatchObject({ name: 'RebuildFailedError', position: positions[2] });
      } else {
        expect(result).toEqual({ position: positions[3], failed: false });
        const parked = await b.db
          .selectFrom('projection_dead_letters')
          .select('position')
          .where('projection', '=', projection.name)
          .execute();
        expect(parked).toEqual([{ position: String(positions[2]) }]);
        expect(level).toEqual({ on_hand: '4000', position: String(positions[3]) });
      }
    }
  });
});
