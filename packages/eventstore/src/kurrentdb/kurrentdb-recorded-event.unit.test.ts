import type { AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { EventDecodeError } from '../event-store.js';
import { testEvent, testMetadata } from '../event-store-test-event.js';
import { toEventData } from './kurrentdb-append.js';
import { encodeMetadata } from './kurrentdb-metadata.js';
import { toStoredEvent } from './kurrentdb-recorded-event.js';
import { UnmappablePositionError } from './kurrentdb-position.js';

/** What the client hands back for an event it read, as it would for one this adapter wrote. */
const recorded = (over: Record<string, unknown> = {}): AllStreamResolvedEvent => ({
  event: {
    streamId: 'order-1',
    id: 'A1B2C3D4-0000-4000-8000-000000000001',
    isJson: true,
    revision: 3n,
    type: 'OrderPlaced',
    created: new Date(0),
    data: { total: '10.00' },
    metadata: { ...encodeMetadata(testMetadata) },
    position: { commit: 4096n, prepare: 4096n },
    ...over,
  },
  commitPosition: 4096n,
});

const decodeError = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('a KurrentDB recorded event as our StoredEvent', () => {
  it('maps every field; the id is lower-cased as the port hands ids out', () => {
    expect(toStoredEvent(recorded())).toEqual({
      type: 'OrderPlaced',
      data: { total: '10.00' },
      eventId: 'a1b2c3d4-0000-4000-8000-000000000001',
      streamId: 'order-1',
      revision: 3n,
      position: 4096n,
      metadata: testMetadata,
    });
  });

  it('what we write reads back as what was appended (data, type, id, metadata)', () => {
    const event = testEvent('Moved', { nested: { a: [1, '2'] } });
    const data = toEventData(event);
    expect(data).toMatchObject({ id: event.eventId, contentType: 'application/json' });
    const back = toStoredEvent(
      recorded({ id: data.id, type: data.type, data: data.data, metadata: data.metadata }),
    );
    expect(back).toMatchObject({
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    });
  });

  it('refuses data JSON cannot carry, before anything is sent', () => {
    expect(() => toEventData(testEvent('X', { n: 1n }))).toThrow(TypeError);
    expect(() => toEventData(testEvent('X', 5))).toThrow(/JSON object, array or string/);
  });

  it('an entry without an event (a link to a deleted event) is skipped', () => {
    expect(toStoredEvent({ commitPosition: 1n })).toBeUndefined();
  });

  it('binary data, foreign metadata or a missing position fail loudly, naming the event', () => {
    for (const over of [
      { isJson: false, data: new Uint8Array([1]) },
      { metadata: { foo: 'bar' } },
      { position: undefined },
    ]) {
      const error = decodeError(() => toStoredEvent(recorded(over)));
      expect(error).toBeInstanceOf(EventDecodeError);
      expect(error).toMatchObject({ streamId: 'order-1', revision: 3n, type: 'OrderPlaced' });
    }
  });

  it('an event of a legacy explicit transaction (commit ≠ prepare) is refused', () => {
    expect(
      decodeError(() => toStoredEvent(recorded({ position: { commit: 9n, prepare: 5n } }))),
    ).toBeInstanceOf(UnmappablePositionError);
  });
});
