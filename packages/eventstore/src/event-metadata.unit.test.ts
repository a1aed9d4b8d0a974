import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventMetadataCodec, isEventMetadata } from './event-metadata.js';

// Each field valid or not, present or not, so the two checks meet every way a row can be off.
const anyOf = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    valid,
    fc.constant(null),
    fc.integer(),
    fc.string(),
    fc.constant(undefined),
    fc.anything(),
  );
const nearMetadata = fc.record(
  {
    actor: anyOf(fc.string()),
    correlationId: anyOf(fc.string()),
    causationId: anyOf(fc.oneof(fc.string(), fc.constant(null))),
    occurredAt: anyOf(fc.string()),
    schemaVersion: anyOf(fc.integer({ min: 1, max: 3 })),
    requestHash: anyOf(fc.string()),
    other: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('isEventMetadata', () => {
  it('accepts exactly what the metadata codec accepts', () => {
    fc.assert(
      fc.property(fc.oneof(nearMetadata, fc.anything()), (u) => {
        expect(isEventMetadata(u)).toBe(eventMetadataCodec.is(u));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts valid metadata (the property would hold for a check refusing everything)', () => {
    const metadata = {
      actor: 'a',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-01-01T00:00:00.000Z',
      schemaVersion: 1,
    };
    expect(isEventMetadata(metadata)).toBe(true);
    expect(isEventMetadata({ ...metadata, requestHash: 'h' })).toBe(true);
    expect(isEventMetadata({ ...metadata, requestHash: 1 })).toBe(false);
  });
});
