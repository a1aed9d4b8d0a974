import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  EventDecodeError,
  WrongExpectedRevisionError,
  type EventStore,
  type ReadStreamOptions,
} from '../event-store.js';
import { createInMemoryEventStore } from '../in-memory/in-memory-event-store.js';
import { createInMemorySnapshotStore } from '../snapshot/snapshot-store.js';
import {
  accountDecider,
  accountEventC,
  context,
  type AccountCommand,
  type AccountState,
} from './account.spec-helpers.js';
import { ConcurrencyError } from './concurrency-error.js';
import { handleCommand } from './handle-command.js';
import type { LoadStrategy } from './stream-model.js';
import type { AccountEvent } from './account.spec-helpers.js';

const run = (
  store: EventStore,
  command: AccountCommand,
  extra: { load?: LoadStrategy<AccountEvent, AccountState>; maxRetries?: number } = {},
) =>
  handleCommand(store, {
    decider: accountDecider,
    codec: accountEventC,
    streamId: 'account-1',
    command,
    context: context(),
    ...extra,
  });

const rightOf = async <T>(
  p: Promise<import('fp-ts/lib/Either.js').Either<unknown, T>>,
): Promise<T> => {
  const result = await p;
  if (isLeft(result)) throw new Error(`expected Right, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** Records the readStream calls a store receives. */
const spyReads = (store: EventStore): { store: EventStore; reads: ReadStreamOptions[] } => {
  const reads: ReadStreamOptions[] = [];
  return {
    reads,
    store: { ...store, readStream: (id, o = {}) => (reads.push(o), store.readStream(id, o)) },
  };
};

describe('handleCommand', () => {
  it('appends the decided events encoded, with metadata from the context', async () => {
    const store = createInMemoryEventStore();
    await rightOf(run(store, { type: 'Open', owner: 'bob' }));
    const outcome = await rightOf(run(store, { type: 'Deposit', amount: 150n }));
    expect(outcome.revision).toBe(1n);
    expect(outcome.state).toEqual({ open: true, balance: 150n });
    const stored = await store.readStream('account-1');
    expect(stored[1]).toMatchObject({
      type: 'Deposited',
      data: { amount: '150', balanceAfter: '150' },
      revision: 1n,
    });
    expect(stored[1]!.metadata).toEqual({
      actor: 'alice',
      correlationId: 'corr-42',
      causationId: null,
      occurredAt: '2024-05-06T07:08:09.000Z',
      schemaVersion: 1,
    });
    expect(outcome.events).toEqual([stored[1]]);
    expect(outcome.position).toBe(stored[1]!.position);
  });

  it('returns a refusal as Left and appends nothing', async () => {
    const store = createInMemoryEventStore();
    const result = await run(store, { type: 'Deposit', amount: 1n });
    expect(isLeft(result) && result.left.code).toBe('not_found');
    await rightOf(run(store, { type: 'Open', owner: 'bob' }));
    const refused = await run(store, { type: 'Withdraw', amount: 1n });
    expect(isLeft(refused) && refused.left.code).toBe('conflict');
    expect(await store.readStream('account-1')).toHaveLength(1);
  });

  it('a decision without events answers the current revision and position without appending', async () => {
    const store = createInMemoryEventStore();
    const opened = await rightOf(run(store, { type: 'Open', owner: 'bob' }));
    const again = await rightOf(run(store, { type: 'Open', owner: 'bob' }));
    expect([again.revision, again.position, again.events]).toEqual([0n, opened.position, []]);
    expect(await store.headPosition()).toBe(opened.position);
  });

  it('two concurrent writers both succeed: the loser reloads and decides again', async () => {
    const store = createInMemoryEventStore();
    let conflicts = 0;
    const counting: EventStore = {
      ...store,
      appendToStream: (id, events, o) =>
        store.appendToStream(id, events, o).catch((e: unknown) => {
          if (e instanceof WrongExpectedRevisionError) conflicts++;
          throw e;
        }),
    };
    await rightOf(run(store, { type: 'Open', owner: 'bob' }));
    const results = await Promise.all([
      run(counting, { type: 'Deposit', amount: 10n }),
      run(counting, { type: 'Deposit', amount: 5n }),
    ]);
    expect(results.every(isRight)).toBe(true);
    expect(conflicts).toBeGreaterThan(0);
    const stored = await store.readStream('account-1');
    expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    expect(stored[2]!.data).toMatchObject({ balanceAfter: '15' });
  });

  it('gives up with ConcurrencyError after maxRetries lost races', async () => {
    const store = createInMemoryEventStore();
    await rightOf(run(store, { type: 'Open', owner: 'bob' }));
    let attempts = 0;
    // Someone else always appends between our load and our append.
    const contended: EventStore = {
      ...store,
      appendToStream: async (id, events, o) => {
        attempts++;
        await store.appendToStream(id, [{ ...events[0]!, eventId: crypto.randomUUID() }], {
          expectedRevision: 'any',
        });
        return store.appendToStream(id, events, o);
      },
    };
    const error: unknown = await run(
      contended,
      { type: 'Deposit', amount: 1n },
      { maxRetries: 2 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(attempts).toBe(3);
  });

  it('an event whose data does not decode fails loudly with stream, revision and type', async () => {
    const store = createInMemoryEventStore();
    await rightOf(run(store, { type: 'Open', owner: 'bob' }));
    const metadata = {
      actor: 'x',
      correlationId: 'y',
      causationId: null,
      occurredAt: '2024-01-01T00:00:00.000Z',
      schemaVersion: 1,
    };
    await store.appendToStream(
      'account-1',
      [{ eventId: crypto.randomUUID(), type: 'Deposited', data: { amount: 12.5 }, metadata }],
      { expectedRevision: 0n },
    );
    const error: unknown = await run(store, { type: 'Deposit', amount: 1n }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EventDecodeError);
    expect(error).toMatchObject({ streamId: 'account-1', revision: 1n, type: 'Deposited' });
  });

  it("'lastEvent' loads from the stream's last event alone", async () => {
    const base = createInMemoryEventStore();
    for (const command of [
      { type: 'Open', owner: 'bob' },
      { type: 'Deposit', amount: 7n },
      { type: 'Withdraw', amount: 2n },
    ] as const)
      await rightOf(run(base, command));
    const { store, reads } = spyReads(base);
    const load: LoadStrategy<AccountEvent, AccountState> = {
      kind: 'lastEvent',
      fromLastEvent: (event) => ({
        open: true,
        balance: event.type === 'Opened' ? 0n : event.data.balanceAfter,
      }),
    };
    const outcome = await rightOf(run(store, { type: 'Deposit', amount: 1n }, { load }));
    expect(reads).toEqual([{ direction: 'backwards', maxCount: 1 }]);
    expect([outcome.revision, outcome.state.balance]).toEqual([3n, 6n]);
  });

  it("'snapshot' saves every N events and then reads only the events after the snapshot", async () => {
    const base = createInMemoryEventStore();
    const snapshots = createInMemorySnapshotStore<AccountState>();
    const load: LoadStrategy<AccountEvent, AccountState> = {
      kind: 'snapshot',
      snapshots,
      every: 3,
    };
    await rightOf(run(base, { type: 'Open', owner: 'bob' }, { load }));
    for (let i = 1; i <= 6; i++)
      await rightOf(run(base, { type: 'Deposit', amount: BigInt(i) }, { load }));
    expect(await snapshots.load('account-1')).toEqual({
      revision: 5n,
      state: { open: true, balance: 15n },
    });
    const { store, reads } = spyReads(base);
    const outcome = await rightOf(run(store, { type: 'Deposit', amount: 100n }, { load }));
    expect(reads).toEqual([{ fromRevision: 6n }]);
    expect([outcome.revision, outcome.state.balance]).toEqual([7n, 121n]);
  });
});
