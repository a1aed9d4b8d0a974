import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventMetadata } from '../event-store.js';
import { decodeMetadata, encodeMetadata } from './kurrentdb-metadata.js';

const metadata = fc.record({
  actor: fc.string(),
  correlationId: fc.string(),
  causationId: fc.option(fc.string(), { nil: null }),
  occurredAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  schemaVersion: fc.nat({ max: 2 ** 31 }),
});

describe('metadata ↔ KurrentDB event metadata', () => {
  it('encodes to a flat object of strings (what a multi-stream append accepts)', () => {
    fc.assert(
      fc.property(metadata, (m) => {
        const encoded = encodeMetadata(m);
        expect(Object.values(encoded).every((v) => typeof v === 'string')).toBe(true);
      }),
    );
    expect(
      encodeMetadata({
        actor: 'alice',
        correlationId: 'c-1',
        causationId: null,
        occurredAt: '2024-01-02T03:04:05.000Z',
        schemaVersion: 2,
      }),
    ).toEqual({
      actor: 'alice',
      correlationId: 'c-1',
      occurredAt: '2024-01-02T03:04:05.000Z',
      schemaVersion: '2',
    });
  });

  it('round trip, also through JSON text and with the keys the server adds', () => {
    fc.assert(
      fc.property(metadata, (m: EventMetadata) => {
        const stored: unknown = JSON.parse(JSON.stringify(encodeMetadata(m)));
        expect(decodeMetadata(stored)).toEqual(m);
        const multi = { ...encodeMetadata(m), '$schema.format': 'Json', '$schema.name': 'X' };
        expect(decodeMetadata(multi)).toEqual(m);
      }),
    );
  });

  it('carries an optional requestHash both ways, and leaves it out when absent', () => {
    const base = {
      actor: 'a',
      correlationId: 'c',
      causationId: null,
      occurredAt: '2024-01-02T03:04:05.000Z',
      schemaVersion: 1,
    };
    const hashed = { ...base, requestHash: 'abc123' };
    expect(encodeMetadata(hashed)).toMatchObject({ requestHash: 'abc123' });
    expect(decodeMetadata(encodeMetadata(hashed))).toEqual(hashed);
    expect(encodeMetadata(base)).not.toHaveProperty('requestHash');
    expect(decodeMetadata(encodeMetadata(base))).not.toHaveProperty('requestHash');
  });

  it('refuses what erpcore did not write, naming the field', () => {
    const good = encodeMetadata({
      actor: 'a',
      correlationId: 'c',
      causationId: 'x',
      occurredAt: '2024-01-02T03:04:05.000Z',
      schemaVersion: 1,
    });
    expect(decodeMetadata(undefined)).toHaveProperty('reason');
    expect(decodeMetadata(new Uint8Array([1, 2]))).toHaveProperty('reason');
    expect(decodeMetadata({ ...good, schemaVersion: 1 })).toEqual({
      reason: expect.stringContaining('metadata.schemaVersion') as unknown,
    });
    expect(decodeMetadata({ ...good, schemaVersion: '1.5' })).toHaveProperty('reason');
    expect(decodeMetadata({ ...good, schemaVersion: '01' })).toHaveProperty('reason');
    const { actor: _actor, ...noActor } = good;
    expect(decodeMetadata(noActor)).toEqual({
      reason: expect.stringContaining('metadata.actor') as unknown,
    });
    expect(decodeMetadata({ ...good, causationId: 7 })).toHaveProperty('reason');
  });
});
