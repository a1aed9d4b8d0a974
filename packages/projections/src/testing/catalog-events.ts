import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend } from '@erpcore/eventstore';

const metadata = (i: number) => ({
  actor: 'test',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
  schemaVersion: 1,
});

/** A `WarehouseCreated` as the catalog decider emits it. */
export const warehouseCreated = (
  id: string,
  name: string,
  branchId: string | null,
  i = 0,
): EventToAppend => ({
  eventId: randomUUID(),
  type: 'WarehouseCreated',
  data: { id, name, branchId },
  metadata: metadata(i),
});

/** A `ProductCreated` as the catalog decider emits it. */
export const productCreated = (id: string, name: string, unit: string, i = 0): EventToAppend => ({
  eventId: randomUUID(),
  type: 'ProductCreated',
  data: { id, name, unit },
  metadata: metadata(i),
});

/** An event no catalog projection handles (checkpoints must still move over it). */
export const unrelatedEvent = (i = 0): EventToAppend => ({
  eventId: randomUUID(),
  type: 'SomethingElseHappened',
  data: { i },
  metadata: metadata(i),
});

/**
 * Appends `count` catalog events (warehouses, products and unrelated ones, many per transaction)
 * and returns the head position.
 */
export const appendCatalogEvents = async (
  store: EventStore,
  count: number,
  prefix = 'x',
  perAppend = 100,
): Promise<bigint> => {
  let position = 0n;
  for (let start = 0; start < count; start += perAppend) {
    const appends = [];
    for (let i = start; i < Math.min(count, start + perAppend); i++) {
      const kind = i % 3;
      const id = `${prefix}${i}`;
      const event =
        kind === 0
          ? warehouseCreated(id, `Warehouse ${i}`, i % 2 === 0 ? 'B1' : null, i)
          : kind === 1
            ? productCreated(id, `Product ${i}`, 'pcs', i)
            : unrelatedEvent(i);
      appends.push({
        streamId: kind === 0 ? `warehouse-${id}` : kind === 1 ? `product-${id}` : `other-${id}`,
        events: [event],
        expectedRevision: 'no_stream' as const,
      });
    }
    position = (await store.appendMulti(appends)).position;
  }
  return position;
};
