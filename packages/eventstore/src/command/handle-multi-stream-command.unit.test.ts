import { isLeft, isRight, left, right } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { domainError } from '@erpcore/domain';
import { WrongExpectedRevisionError, type EventStore } from '../event-store.js';
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js';
import {
  accountDecider,
  accountEventC,
  context,
  type AccountEvent,
  type AccountState,
} from './account.spec-helpers.js';
import { handleCommand } from './handle-command.js';
import { handleMultiStreamCommand } from './handle-multi-stream-command.js';
import type { StreamModel } from './stream-model.js';

const model: StreamModel<AccountEvent, AccountState> = {
  initialState: accountDecider.initialState,
  evolve: accountDecider.evolve,
  codec: accountEventC,
};

const open = async (store: EventStore, streamId: string, deposit: bigint): Promise<void> => {
  for (const command of [
    { type: 'Open', owner: streamId },
    { type: 'Deposit', amount: deposit },
  ] as const) {
    await handleCommand(store, {
      decider: accountDecider,
      codec: accountEventC,
      streamId,
      command,
      context: context(),
    });
  }
};

/** A transfer: one decision over two streams, appended atomically. */
const transfer = (store: EventStore, from: string, to: string, amount: bigint) =>
  handleMultiStreamCommand(store, {
    streams: { [from]: model, [to]: model },
    context: context({ correlationId: `transfer-${from}-${to}` }),
    decide: (states) => {
      const source = states[from]!;
      const target = states[to]!;
      if (source.balance < amount) return left(domainError('conflict', 'insufficient funds'));
      return right([
        {
          streamId: from,
          events: [{ type: 'Withdrawn', data: { amount, balanceAfter: source.balance - amount } }],
        },
        {
          streamId: to,
          events: [{ type: 'Deposited', data: { amount, balanceAfter: target.balance + amount } }],
        },
      ]);
    },
  });

describe('handleMultiStreamCommand', () => {
  it('loads every stream, decides once and appends to all of them atomically', async () => {
    const store = createInMemoryEventStore();
    await open(store, 'a', 10n);
    await open(store, 'b', 0n);
    const result = await transfer(store, 'a', 'b', 4n);
    if (isLeft(result)) throw new Error('refused');
    expect(result.right.streams.map((s) => [s.streamId, s.revision, s.state])).toEqual([
      ['a', 2n, { open: true, balance: 6n }],
      ['b', 2n, { open: true, balance: 4n }],
    ]);
    expect(result.right.position).toBe(await store.headPosition());
    const stored = await store.readStream('b');
    expect(result.right.streams[1]!.events).toEqual([stored[2]]);
    expect(stored[2]!.metadata.correlationId).toBe('transfer-a-b');
  });

  it('a refusal is a Left and writes to no stream', async () => {
    const store = createInMemoryEventStore();
    await open(store, 'a', 1n);
    await open(store, 'b', 0n);
    const head = await store.headPosition();
    const result = await transfer(store, 'a', 'b', 5n);
    expect(isLeft(result) && result.left.code).toBe('conflict');
    expect(await store.headPosition()).toBe(head);
  });

  it('concurrent commands over shared streams both succeed via retry', async () => {
    const store = createInMemoryEventStore();
    let conflicts = 0;
    const counting: EventStore = {
      ...store,
      appendMulti: (appends) =>
        store.appendMulti(appends).catch((e: unknown) => {
          if (e instanceof WrongExpectedRevisionError) conflicts++;
          throw e;
        }),
    };
    await open(store, 'a', 10n);
    await open(store, 'b', 10n);
    const results = await Promise.all([
      transfer(counting, 'a', 'b', 3n),
      transfer(counting, 'b', 'a', 5n),
    ]);
    expect(results.every(isRight)).toBe(true);
    expect(conflicts).toBeGreaterThan(0);
    const last = async (id: string) =>
      (await store.readStream(id, { direction: 'backwards', maxCount: 1 }))[0]!.data;
    expect([await last('a'), await last('b')]).toMatchObject([
      { balanceAfter: '12' },
      { balanceAfter: '8' },
    ]);
  });
});
