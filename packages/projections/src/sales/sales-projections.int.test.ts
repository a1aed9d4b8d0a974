import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asId,
  customerEventC,
  Money,
  orderEventC,
  Quantity,
  type CustomerEvent,
  type CustomerId,
  type Id,
  type Name,
  type OrderEvent,
  type OrderId,
  type ProductId,
  type WarehouseId,
} from '@erpcore/domain';
import {
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import {
  catchUpProjection,
  createReadDb,
  InvalidCursorError,
  migrateReadModels,
  type ReadDb,
} from '../index.js';
import { getCustomer, getOrder, listOrders, salesProjections } from './index.js';

const up = await postgresAvailable();
const metadata = (occurredAt: string) => ({
  actor: 't',
  correlationId: 'c',
  causationId: null,
  occurredAt,
  schemaVersion: 1,
});
const money = (s: string): Money => Money.parse(s) ?? Money.zero;

const placed = (
  id: string,
  at: string,
  over: { status?: never; branch?: string; customer?: string; salesperson?: string } = {},
): OrderEvent => ({
  type: 'OrderPlaced',
  data: {
    id: asId<OrderId>(id),
    customerId: asId<CustomerId>(over.customer ?? 'C1'),
    customerName: `Customer ${over.customer ?? 'C1'}` as Name,
    branchId: asId<Id>(over.branch ?? 'B1'),
    salespersonId: asId<Id>(over.salesperson ?? 'S1'),
    warehouseId: asId<WarehouseId>('W1'),
    items: [
      {
        productId: asId<ProductId>('P1'),
        productName: 'Cloth' as Name,
        quantity: Quantity.parse('1.5') ?? Quantity.zero,
        unitPrice: money('0.01'),
        lineTotal: money('0.02'),
      },
      {
        productId: asId<ProductId>('P2'),
        productName: 'Thread' as Name,
        quantity: Quantity.parse('3') ?? Quantity.zero,
        unitPrice: money('19.99'),
        lineTotal: money('59.97'),
      },
    ],
    total: money('59.99'),
    at,
  },
});

describe.skipIf(!up)('sales projections (PostgreSQL)', () => {
  let schema: TestSchema;
  let client: SqlClient;
  let store: EventStore;
  let db: ReadDb;
  const append = async (
    streamId: string,
    event: OrderEvent | CustomerEvent,
    occurredAt = '2024-01-01T00:00:00.000Z',
  ) => {
    const encoded = event.type.startsWith('Order')
      ? orderEventC.encode(event as OrderEvent)
      : customerEventC.encode(event as CustomerEvent);
    await store.appendToStream(
      streamId,
      [{ eventId: randomUUID(), ...encoded, metadata: metadata(occurredAt) }],
      { expectedRevision: 'any' },
    );
  };
  const catchUp = async () => {
    for (const projection of salesProjections)
      expect((await catchUpProjection({ store, db, projection })).failed).toBe(false);
  };

  beforeAll(async () => {
    schema = await createTestSchema('sales_projections');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    store = createPostgresEventStore(client);
    db = createReadDb(client);
    await migrateReadModels(db, salesProjections);
    // Three orders share one timestamp: ties are broken by id, descending.
    const at = [
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T10:00:00.000Z',
      '2024-05-02T10:00:00.000Z',
      '2024-05-03T10:00:00.000Z',
    ];
    const ids = ['O-a', 'O-b', 'O-c', 'O-d', 'O-e'];
    for (const [i, id] of ids.entries())
      await append(
        `order-${id}`,
        placed(id, at[i] ?? '', i === 4 ? { branch: 'B2', customer: 'C2', salesperson: 'S2' } : {}),
      );
    await append('order-O-b', {
      type: 'OrderConfirmed',
      data: { id: asId<OrderId>('O-b'), at: '2024-05-04T00:00:00.000Z' },
    });
    await append('order-O-b', {
      type: 'OrderDelivered',
      data: {
        id: asId<OrderId>('O-b'),
        total: money('59.99'),
        journalEntryId: null,
        at: '2024-05-05T00:00:00.000Z',
      },
    });
    await append('order-O-c', {
      type: 'OrderCancelled',
      data: {
        id: asId<OrderId>('O-c'),
        reason: 'changed mind',
        releasedReservations: false,
        at: '2024-05-04T00:00:00.000Z',
      },
    });
    const C1 = asId<CustomerId>('C1');
    await append('customer-C1', {
      type: 'CustomerRegistered',
      data: { id: C1, name: 'Ada' as Name, phone: null },
    });
    await append('customer-C1', {
      type: 'CustomerCharged',
      data: {
        customerId: C1,
        orderId: asId<OrderId>('O-b'),
        amount: money('59.99'),
        balanceAfter: money('59.99'),
        at: 't',
      },
    });
    await append('customer-C1', {
      type: 'PaymentRecorded',
      data: {
        customerId: C1,
        paymentId: asId<Id>('PAY-1'),
        amount: money('9.99'),
        balanceAfter: money('50'),
        at: 't',
      },
    });
    await catchUp();
  });
  afterAll(async () => {
    await client?.close();
    await schema?.drop();
  });

  it('serves one order with its items, names and canonical decimals', async () => {
    expect(await getOrder(db, 'O-b')).toEqual({
      id: 'O-b',
      status: 'delivered',
      customer: { id: 'C1', name: 'Customer C1' },
      branchId: 'B1',
      salespersonId: 'S1',
      warehouseId: 'W1',
      total: '59.99',
      createdAt: '2024-05-01T10:00:00.000Z',
      updatedAt: '2024-05-05T00:00:00.000Z',
      items: [
        {
          productId: 'P1',
          productName: 'Cloth',
          quantity: '1.5',
          unitPrice: '0.01',
          lineTotal: '0.02',
        },
        {
          productId: 'P2',
          productName: 'Thread',
          quantity: '3',
          unitPrice: '19.99',
          lineTotal: '59.97',
        },
      ],
    });
    expect(await getOrder(db, 'nope')).toBeUndefined();
  });

  it('lists newest first, ties by id, paging by keyset without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOrders(db, { limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toEqual(['O-e', 'O-d', 'O-c', 'O-b', 'O-a']);
  });

  it('filters by status, branch, customer and salesperson, combined', async () => {
    const ids = async (filter: Parameters<typeof listOrders>[1]) =>
      (await listOrders(db, filter)).items.map((o) => o.id);
    expect(await ids({ status: 'pending' })).toEqual(['O-e', 'O-d', 'O-a']);
    expect(await ids({ branchId: 'B1', status: 'pending' })).toEqual(['O-d', 'O-a']);
    expect(await ids({ customerId: 'C2' })).toEqual(['O-e']);
    expect(await ids({ salespersonId: 'S1', status: 'cancelled' })).toEqual(['O-c']);
    expect(await ids({ branchId: 'B2', status: 'delivered' })).toEqual([]);
  });

  it('refuses a cursor it did not hand out', async () => {
    await expect(listOrders(db, { cursor: 'garbage' })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(
      listOrders(db, {
        cursor: Buffer.from(JSON.stringify(['not a time', 'x'])).toString('base64url'),
      }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it('keeps the customer balance from balanceAfter', async () => {
    expect(await getCustomer(db, 'C1')).toEqual({
      id: 'C1',
      name: 'Ada',
      phone: null,
      balance: '50',
    });
    expect(await getCustomer(db, 'nope')).toBeUndefined();
  });
});
