import { randomUUID } from 'node:crypto';
import { asId, Quantity, stockEventC, type ProductId, type WarehouseId } from '@erpcore/domain';
import type { EventStore, EventToAppend } from '@erpcore/eventstore';
import { benchMetadata } from './bench-events.js';
import { createProgress } from './progress.js';

/** Appends `count` receipts of 1 unit to one stock stream, in chunks, balances consistent. */
export const seedHotStream = async (
  store: EventStore,
  product: string,
  warehouse: string,
  count: number,
): Promise<string> => {
  const streamId = `stock-${product}@${warehouse}`;
  const progress = createProgress('hot SKU', count, { unit: ' events' });
  const metadata = benchMetadata();
  for (let from = 0; from < count; from += 1_000) {
    const events: EventToAppend[] = [];
    for (let i = from; i < Math.min(count, from + 1_000); i++) {
      const event = stockEventC.encode({
        type: 'StockReceived',
        data: {
          productId: asId<ProductId>(product),
          warehouseId: asId<WarehouseId>(warehouse),
          quantity: Quantity.ofScaled(1000n),
          reference: null,
          balanceAfter: Quantity.ofScaled(BigInt(i + 1) * 1000n),
          reservedAfter: Quantity.zero,
        },
      });
      events.push({ eventId: randomUUID(), ...event, metadata });
    }
    await store.appendToStream(streamId, events, {
      expectedRevision: from === 0 ? 'no_stream' : BigInt(from - 1),
    });
    progress.update(Math.min(count, from + 1_000));
  }
  progress.finish();
  return streamId;
};
