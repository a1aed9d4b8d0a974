import { describe, expect, it } from 'vitest';
import { testEvent } from '../event-store.contract.js';
import { createInMemoryEventStore } from './in-memory-event-store.js';

describe('in-memory verify', () => {
  it('verifies an untouched log and finds an event a reader mutated', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('a', [testEvent('A0'), testEvent('A1', { n: 2 })], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream('b', [testEvent('B0')], { expectedRevision: 'no_stream' });
    expect(await store.verify?.()).toEqual({ ok: true, checkedEvents: 3, brokenEvents: 0 });

    // Stored events are handed out by reference: a caller that casts away `readonly` and edits one is caught.
    const [, second] = await store.readStream('a');
    (second?.data as { n: number }).n = 3;
    expect(await store.verify?.()).toEqual({
      ok: false,
      checkedEvents: 3,
      brokenEvents: 1,
      firstBrokenPosition: 2n,
      brokenStreamId: 'a',
    });
  });
});
