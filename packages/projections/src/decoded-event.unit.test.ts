import { right, left } from 'fp-ts/lib/Either.js';
import type { DomainEvent } from '@erpcore/domain';
import type { EventDecoder, StoredEvent } from '@erpcore/eventstore';
import { describe, expect, it } from 'vitest';
import { decodedEvent } from './decoded-event.js';

const stored = (type: string): StoredEvent => ({
  type,
  data: { n: 1 },
  eventId: '00000000-0000-0000-0000-000000000001',
  streamId: 's',
  revision: 0n,
  position: 1n,
  metadata: {
    actor: 'a',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

/** A codec that counts its calls and tags what it decodes with its name. */
const counting = (name: string, fails = false) => {
  const codec = {
    calls: 0,
    decode: (input: unknown) => {
      codec.calls++;
      return fails ? left([]) : right({ ...(input as object), by: name } as unknown as DomainEvent);
    },
  };
  return codec satisfies EventDecoder<DomainEvent>;
};

describe('decodedEvent', () => {
  it('decodes an event once per codec and hands each codec its own result', () => {
    const event = stored('T');
    const [a, b] = [counting('a'), counting('b')];
    const first = decodedEvent(a, event);
    expect(decodedEvent(a, event)).toBe(first);
    const second = decodedEvent(b, event);
    expect(second).toMatchObject({ by: 'b' });
    expect(decodedEvent(b, event)).toBe(second);
    expect(decodedEvent(a, event)).toBe(first);
    expect([a.calls, b.calls]).toEqual([1, 1]);
  });

  it('keeps no failure: an event that does not decode throws every time', () => {
    const event = stored('T');
    const failing = counting('f', true);
    expect(() => decodedEvent(failing, event)).toThrow();
    expect(() => decodedEvent(failing, event)).toThrow();
    expect(failing.calls).toBe(2);
  });
});
