import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asId,
  Quantity,
  stockEventC,
  type ProductId,
  type Reference,
  type StockEvent,
  type WarehouseId,
} from '@erpcore/domain';
import {
  createPgliteClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import {
  catalogProjections,
  catchUpProjection,
  createReadDb,
  InvalidCursorError,
  migrateReadModels,
  type Page,
  type ReadDb,
} from '../index.js';
import { productCreated, warehouseCreated } from '../testing/catalog-events.js';
import {
  getProductStock,
  inventoryProjections,
  listLedger,
  listStock,
  type LedgerEntry,
  type LedgerOptions,
} from './index.js';

const q = (s: string): Quantity => Quantity.parse(s) ?? Quantity.zero;
const P = asId<ProductId>('SKU-1');
const A = asId<WarehouseId>('A');
const B = asId<WarehouseId>('B');
const base = (w: WarehouseId, balanceAfter: string, reservedAfter = '0') => ({
  productId: P,
  warehouseId: w,
  balanceAfter: q(balanceAfter),
  reservedAfter: q(reservedAfter),
});
const history: Array<[WarehouseId, StockEvent]> = [
  [
    A,
    {
      type: 'StockReceived',
      data: { ...base(A, '10.5'), quantity: q('10.5'), reference: 'PO-1' as Reference },
    },
  ],
  [
    A,
    {
      type: 'StockReserved',
      data: { ...base(A, '10.5', '2'), quantity: q('2'), reference: 'O-1' as Reference },
    },
  ],
  [A, { type: 'StockIssued', data: { ...base(A, '7.5', '2'), quantity: q('3'), reference: null } }],
  [
    A,
    {
      type: 'StockDelivered',
      data: { ...base(A, '5.5', '0'), quantity: q('2'), reference: 'O-1' as Reference },
    },
  ],
  [
    A,
    {
      type: 'StockTransferredOut',
      data: { ...base(A, '1.5'), quantity: q('4'), transferId: asId('T-1'), toWarehouseId: B },
    },
  ],
  [
    B,
    {
      type: 'StockTransferredIn',
      data: { ...base(B, '4'), quantity: q('4'), transferId: asId('T-1'), fromWarehouseId: A },
    },
  ],
  [
    B,
    {
      type: 'StockAdjusted',
      data: {
        ...base(B, '3.25'),
        countedQuantity: q('3.25'),
        bookQuantity: q('4'),
        quantity: q('-0.75'),
        reason: 'count' as Reference,
      },
    },
  ],
];

describe('inventory projections (PGlite)', () => {
  let client: SqlClient;
  let store: EventStore;
  let db: ReadDb;
  const catchUp = async () => {
    for (const projection of [...catalogProjections, ...inventoryProjections])
      expect((await catchUpProjection({ store, db, projection })).failed).toBe(false);
  };

  beforeAll(async () => {
    client = await createPgliteClient();
    await migrateEventStore(client);
    store = createPostgresEventStore(client);
    db = createReadDb(client);
    await migrateReadModels(db, [...catalogProjections, ...inventoryProjections]);
    await store.appendMulti([
      {
        streamId: 'product-SKU-1',
        events: [productCreated('SKU-1', 'Cloth', 'm')],
        expectedRevision: 'no_stream',
      },
      {
        streamId: 'product-SKU-2',
        events: [productCreated('SKU-2', 'Thread', 'pcs')],
        expectedRevision: 'no_stream',
      },
      {
        streamId: 'warehouse-A',
        events: [warehouseCreated('A', 'A', null)],
        expectedRevision: 'no_stream',
      },
      {
        streamId: 'warehouse-B',
        events: [warehouseCreated('B', 'B', null)],
        expectedRevision: 'no_stream',
      },
    ]);
    for (const [w, event] of history) {
      const metadata = {
        actor: 't',
        correlationId: 'c',
        causationId: null,
        occurredAt: '2024-01-02T03:04:05.000Z',
        schemaVersion: 1,
      };
      await store.appendToStream(
        `stock-${P}@${w}`,
        [{ eventId: randomUUID(), ...stockEventC.encode(event), metadata }],
        { expectedRevision: 'any' },
      );
    }
    await catchUp();
  });
  afterAll(async () => {
    await client?.close();
  });

  it('answers a product stock with totals and per-warehouse rows, 404 for an unknown product', async () => {
    expect(await getProductStock(db, P)).toEqual({
      productId: P,
      onHand: q('4.75'),
      reserved: q('0'),
      available: q('4.75'),
      warehouses: [
        { warehouseId: A, onHand: q('1.5'), reserved: q('0'), available: q('1.5') },
        { warehouseId: B, onHand: q('3.25'), reserved: q('0'), available: q('3.25') },
      ],
    });
    expect(await getProductStock(db, 'SKU-2')).toEqual({
      productId: 'SKU-2',
      onHand: 0n,
      reserved: 0n,
      available: 0n,
      warehouses: [],
    });
    expect(await getProductStock(db, 'nope')).toBeUndefined();
  });

  const ledger = async (options: LedgerOptions = {}): Promise<Page<LedgerEntry>> => {
    const page = await listLedger(db, P, options);
    if (page === undefined) throw new Error('ledger of a known product is undefined');
    return page;
  };

  it('writes one ledger row per on-hand movement, signed, with its running balance and reference', async () => {
    const { items } = await ledger();
    expect(
      items.map((i) => [
        i.warehouseId,
        i.kind,
        Quantity.format(i.quantity),
        Quantity.format(i.balanceAfter),
        i.reference,
        i.bookQuantity === null ? null : Quantity.format(i.bookQuantity),
      ]),
    ).toEqual([
      [A, 'receipt', '10.5', '10.5', 'PO-1', null],
      [A, 'issue', '-3', '7.5', null, null],
      [A, 'delivery', '-2', '5.5', 'O-1', null],
      [A, 'transfer_out', '-4', '1.5', 'T-1', null],
      [B, 'transfer_in', '4', '4', 'T-1', null],
      [B, 'adjustment', '-0.75', '3.25', 'count', '4'],
    ]);
    expect(items[0]?.occurredAt.toISOString()).toBe('2024-01-02T03:04:05.000Z');
    const positions = items.map((i) => i.position);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
  });

  it('pages the ledger by keyset, with and without a warehouse', async () => {
    const first = await ledger({ limit: 4 });
    expect(first.items).toHaveLength(4);
    const second = await ledger({ limit: 4, cursor: first.nextCursor ?? '' });
    expect(second.items.map((i) => i.kind)).toEqual(['transfer_in', 'adjustment']);
    expect(second.nextCursor).toBeNull();
    const inB = await ledger({ warehouseId: B, limit: 1 });
    const inB2 = await ledger({ warehouseId: B, limit: 1, cursor: inB.nextCursor ?? '' });
    expect([...inB.items, ...inB2.items].map((i) => i.kind)).toEqual(['transfer_in', 'adjustment']);
    await expect(listLedger(db, P, { cursor: 'garbage' })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    expect(await listLedger(db, 'nope')).toBeUndefined();
    expect(await listLedger(db, 'SKU-2')).toEqual({ items: [], nextCursor: null });
  });

  it('lists stock levels by (product, warehouse) with filters and a keyset cursor', async () => {
    const all = await listStock(db, { limit: 1 });
    expect(all.items.map((i) => [i.productId, i.warehouseId])).toEqual([[P, A]]);
    const rest = await listStock(db, { limit: 1, cursor: all.nextCursor ?? '' });
    expect(rest.items.map((i) => [i.productId, i.warehouseId])).toEqual([[P, B]]);
    expect(rest.nextCursor).toBeNull();
    expect(
      (await listStock(db, { warehouseId: B })).items.map((i) => Quantity.format(i.onHand)),
    ).toEqual(['3.25']);
    expect((await listStock(db, { productId: 'SKU-2' })).items).toEqual([]);
  });

  it('replaying the same events changes nothing', async () => {
    // Read first: PGlite has one connection, held by the transaction below.
    const events = await store.readAll();
    await db.transaction().execute(async (trx) => {
      for (const event of events)
        for (const p of inventoryProjections)
          if (p.handles.includes(event.type)) await p.apply(trx, event);
    });
    expect((await ledger()).items).toHaveLength(6);
    expect((await getProductStock(db, P))?.onHand).toBe(q('4.75'));
  });
});
