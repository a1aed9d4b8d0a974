import { describe, expect, it } from 'vitest';
import { accountEventC } from './command/account.spec-helpers.js';
import { decodeEvent, decodeEvents } from './decode-event.js';
import { EventDecodeError, type StoredEvent } from './event-store.js';

const stored = (type: string, data: unknown, revision = 3n): StoredEvent => ({
  type,
  data,
  eventId: '00000000-0000-4000-8000-000000000000',
  streamId: 'account-9',
  revision,
  position: 42n,
  metadata: {
    actor: 'a',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2024-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

describe('decodeEvent', () => {
  it('decodes stored data into the domain event', () => {
    expect(
      decodeEvent(accountEventC, stored('Deposited', { amount: '5', balanceAfter: '7' })),
    ).toEqual({ type: 'Deposited', data: { amount: 5n, balanceAfter: 7n } });
  });

  it('throws EventDecodeError with stream, revision, type and reason', () => {
    let error: unknown;
    try {
      decodeEvents(accountEventC, [
        stored('Opened', { owner: 'x' }, 0n),
        stored('Deposited', { amount: 5 }, 1n),
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EventDecodeError);
    expect(error).toMatchObject({ streamId: 'account-9', revision: 1n, type: 'Deposited' });
    expect((error as EventDecodeError).reason).toContain('amount');
  });

  it('refuses an unknown event type', () => {
    expect(() => decodeEvent(accountEventC, stored('Exploded', {}))).toThrow(EventDecodeError);
  });
});
