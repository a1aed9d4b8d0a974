import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@erpcore/eventstore';
import { createBatchReader } from './batch-reader.js';
import { unrelatedEvent } from '../testing/catalog-events.js';

describe('batch reader', () => {
  it('cuts batches at the size bound, then at the time bound, and returns empty once stopped', async () => {
    const store = createInMemoryEventStore();
    for (let i = 0; i < 7; i++)
      await store.appendToStream(`s-${i}`, [unrelatedEvent(i)], { expectedRevision: 'any' });
    const subscription = store.subscribeToAll({ batchSize: 100 });
    const reader = createBatchReader(subscription, 3, 0);
    let stop: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const sizes = [(await reader.next(stopped)).length, (await reader.next(stopped)).length];
    expect(sizes).toEqual([3, 3]);
    // One event left and none coming: the time bound closes a short batch.
    expect((await reader.next(stopped)).map((e) => e.position)).toEqual([7n]);
    // Nothing left: waits for news until stopped.
    const waiting = reader.next(stopped);
    stop();
    expect(await waiting).toEqual([]);
    await subscription.stop();
  });
});
