import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concurrencyContract } from './event-store-concurrency.contract.js';
import { testEvent, testMetadata } from './event-store-test-event.js';
import { InvalidEventMetadataError } from './event-metadata.js';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type StoredEvent,
  type Subscription,
} from './event-store.js';

/** What the contract suite needs from an adapter: a store and how to dispose of it. */
export interface ContractSubject {
  readonly store: EventStore;
  readonly teardown: () => Promise<void>;
  /**
   * The log's head when the suite starts, for a store that is not empty (a KurrentDB server
   * shared with earlier runs): the suite reads the log only after it. Default 0n.
   */
  readonly startPosition?: bigint;
}

const metadata = testMetadata;

export { testEvent };

/** Pulls the next `n` events of a subscription without ending it. */
export const take = async (subscription: Subscription, n: number): Promise<StoredEvent[]> => {
  const iterator = subscription[Symbol.asyncIterator]();
  const events: StoredEvent[] = [];
  while (events.length < n) {
    const next = await iterator.next();
    if (next.done === true) break;
    events.push(next.value);
  }
  return events;
};

const wrongRevision = async (promise: Promise<unknown>): Promise<WrongExpectedRevisionError> => {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  return error as WrongExpectedRevisionError;
};

/**
 * The one contract every EventStore adapter passes. Each test writes to streams of its own, and
 * reads the global log from the last position written before it, so tests share one store.
 */
/**
 * What an adapter may leave out, each said out loud: a case it cannot meet is counted as skipped
 * under its title, never passed.
 */
export interface ContractOptions {
  readonly skip?: boolean;
  /**
   * Whether one stream's events of one append hold consecutive positions (default true). False
   * for KurrentDB, whose positions are byte offsets in its log: ordered and unique, not dense.
   */
  readonly densePositions?: boolean;
  /** Whether the adapter offers `verify` (default true; KurrentDB keeps no hash chain). */
  readonly verify?: boolean;
}

export const eventStoreContract = (
  adapter: string,
  setup: () => Promise<ContractSubject>,
  options: ContractOptions = {},
): void => {
  const dense = options.densePositions !== false;
  describe.skipIf(options.skip === true)(`EventStore contract — ${adapter}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    const stream = (name: string): string => `${name}-${randomUUID()}`;
    const t = (title: string): string => `[${adapter}] ${title}`;

    // Highest position this file appended: all of it committed, and nothing else writes here.
    let written = 0n;
    const track = <R extends { readonly position: bigint }>(result: R): R => {
      if (result.position > written) written = result.position;
      return result;
    };
    /**
     * Readers stop below the oldest transaction running anywhere in the cluster (tests in other
     * files hold some open), so wait until our own commits are readable before reading the log.
     */
    const visible = async (position: bigint): Promise<void> => {
      while ((await store.headPosition()) < position) await new Promise((r) => setTimeout(r, 5));
    };

    beforeAll(async () => {
      subject = await setup();
      written = subject.startPosition ?? 0n;
      const inner = subject.store;
      store = {
        ...inner,
        appendToStream: (id, events, o) => inner.appendToStream(id, events, o).then(track),
        appendMulti: (appends) => inner.appendMulti(appends).then(track),
      };
    });
    afterAll(async () => {
      await subject?.teardown();
    });

    it(t('appends atomically and reads back revisions, positions, data and metadata'), async () => {
      const s = stream('a');
      const head = written;
      const events = [
        testEvent('One', { n: 1 }),
        testEvent('Two', { n: '2.500', nested: { ok: true } }),
        testEvent('Three', [1, 2]),
      ];
      const result = await store.appendToStream(s, events, { expectedRevision: 'no_stream' });
      expect(result.nextRevision).toBe(2n);
      const read = await store.readStream(s);
      expect(read.map((e) => [e.type, e.data, e.eventId, e.revision, e.streamId])).toEqual(
        events.map((e, i) => [e.type, e.data, e.eventId, BigInt(i), s]),
      );
      expect(read[0]?.metadata).toEqual(metadata);
      expect(read[0]!.position).toBeGreaterThan(head);
      expect(read[1]!.position).toBeGreaterThan(read[0]!.position);
      expect(read[2]!.position).toBe(result.position);
      await visible(result.position);
      expect(await store.headPosition()).toBe(result.position);
      const all = await store.readAll({ fromPosition: head });
      expect(all.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    });

    it(t('refuses events whose metadata would not read back, and writes nothing'), async () => {
      const s = stream('meta');
      const holes = ['correlationId', 'actor', 'occurredAt', 'schemaVersion', 'causationId'];
      for (const hole of holes) {
        const partial: Record<string, unknown> = { ...metadata };
        delete partial[hole];
        // The port's type forbids this; a caller outside TypeScript (or a cast) can still send it.
        const event = { ...testEvent(), metadata: partial as unknown as typeof metadata };
        const error: unknown = await store
          .appendToStream(s, [event], { expectedRevision: 'any' })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(InvalidEventMetadataError);
        const multi: unknown = await store
          .appendMulti([{ streamId: s, events: [testEvent(), event], expectedRevision: 'any' }])
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(multi).toBeInstanceOf(InvalidEventMetadataError);
      }
      expect(await store.readStream(s)).toHaveLength(0);
    });

    it(
      t("expectedRevision 'no_stream': refuses an existing stream and writes nothing"),
      async () => {
        const s = stream('ns');
        await store.appendToStream(s, [testEvent()], { expectedRevision: 'no_stream' });
        const error = await wrongRevision(
          store.appendToStream(s, [testEvent()], { expectedRevision: 'no_stream' }),
        );
        expect([error.streamId, error.expected, error.actual]).toEqual([s, 'no_stream', 0n]);
        expect(await store.readStream(s)).toHaveLength(1);
      },
    );

    it(
      t("expectedRevision 'stream_exists': refuses an absent stream, accepts an existing one"),
      async () => {
        const s = stream('se');
        const error = await wrongRevision(
          store.appendToStream(s, [testEvent()], { expectedRevision: 'stream_exists' }),
        );
        expect([error.streamId, error.expected, error.actual]).toEqual([
          s,
          'stream_exists',
          'no_stream',
        ]);
        expect(await store.readStream(s)).toHaveLength(0);
        await store.appendToStream(s, [testEvent()], { expectedRevision: 'any' });
        expect(
          (await store.appendToStream(s, [testEvent()], { expectedRevision: 'stream_exists' }))
            .nextRevision,
        ).toBe(1n);
      },
    );

    it(
      t('expectedRevision as a number: accepts the current revision, refuses any other'),
      async () => {
        const s = stream('num');
        await store.appendToStream(s, [testEvent(), testEvent()], {
          expectedRevision: 'no_stream',
        });
        for (const wrong of [0n, 2n, -1n]) {
          const error = await wrongRevision(
            store.appendToStream(s, [testEvent()], { expectedRevision: wrong }),
          );
          expect([error.expected, error.actual]).toEqual([wrong, 1n]);
        }
        const absent = await wrongRevision(
          store.appendToStream(stream('absent'), [testEvent()], { expectedRevision: 0n }),
        );
        expect(absent.actual).toBe('no_stream');
        expect(
          (await store.appendToStream(s, [testEvent()], { expectedRevision: 1n })).nextRevision,
        ).toBe(2n);
        expect(await store.readStream(s)).toHaveLength(3);
      },
    );

    it(t("expectedRevision 'any': appends to absent and existing streams"), async () => {
      const s = stream('any');
      expect(
        (await store.appendToStream(s, [testEvent()], { expectedRevision: 'any' })).nextRevision,
      ).toBe(0n);
      expect(
        (await store.appendToStream(s, [testEvent()], { expectedRevision: 'any' })).nextRevision,
      ).toBe(1n);
    });

    it(
      t('appendMulti writes several streams atomically, answering in the caller order'),
      async () => {
        const [x, y] = [stream('mx'), stream('my')];
        await store.appendToStream(y, [testEvent()], { expectedRevision: 'no_stream' });
        const head = written;
        const result = await store.appendMulti([
          { streamId: y, events: [testEvent('Y')], expectedRevision: 0n },
          {
            streamId: x,
            events: [testEvent('X1'), testEvent('X2')],
            expectedRevision: 'no_stream',
          },
        ]);
        expect(result.streams.map((s) => [s.streamId, s.nextRevision])).toEqual([
          [y, 1n],
          [x, 1n],
        ]);
        await visible(result.position);
        const all = await store.readAll({ fromPosition: head });
        expect(all).toHaveLength(3);
        expect(all[all.length - 1]!.position).toBe(result.position);
        // Each stream's own last position, its events consecutive within the call.
        for (const s of result.streams) {
          const written = all.filter((e) => e.streamId === s.streamId).map((e) => e.position);
          expect(s.position).toBe(written[written.length - 1]);
          if (dense)
            expect(written.map((p) => p - written[0]!)).toEqual(written.map((_, i) => BigInt(i)));
        }
      },
    );

    it(t('appendMulti with one wrong revision writes nothing to any stream'), async () => {
      const [x, y] = [stream('fx'), stream('fy')];
      await store.appendToStream(y, [testEvent()], { expectedRevision: 'no_stream' });
      const head = written;
      const error = await wrongRevision(
        store.appendMulti([
          { streamId: x, events: [testEvent()], expectedRevision: 'no_stream' },
          { streamId: y, events: [testEvent()], expectedRevision: 5n },
        ]),
      );
      expect([error.streamId, error.expected, error.actual]).toEqual([y, 5n, 0n]);
      expect(await store.readStream(x)).toHaveLength(0);
      expect(await store.readStream(y)).toHaveLength(1);
      expect(await store.readAll({ fromPosition: head })).toHaveLength(0);
      // The failed call left no trace: the stream is still absent for 'no_stream'.
      expect(
        (await store.appendToStream(x, [testEvent()], { expectedRevision: 'no_stream' }))
          .nextRevision,
      ).toBe(0n);
    });

    it(
      t('appending the same eventId twice is a no-op answering like the first append'),
      async () => {
        const s = stream('dup');
        const events = [testEvent(), testEvent()];
        const first = await store.appendToStream(s, events, { expectedRevision: 'no_stream' });
        const again = await store.appendToStream(s, events, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        const partial = await store.appendToStream(s, [events[1]!, testEvent('New')], {
          expectedRevision: 1n,
        });
        expect(partial.nextRevision).toBe(2n);
        expect((await store.readStream(s)).map((e) => e.type)).toEqual([
          'Happened',
          'Happened',
          'New',
        ]);
      },
    );

    it(
      t("a retry after the stream moved on still answers with the first append's revision"),
      async () => {
        const s = stream('dup-later');
        const events = [testEvent(), testEvent()];
        const first = await store.appendToStream(s, events, { expectedRevision: 'no_stream' });
        await store.appendToStream(s, [testEvent('Later')], { expectedRevision: 1n });
        const again = await store.appendToStream(s, events, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        expect((await store.readStream(s)).length).toBe(3);
      },
    );

    it(t('readStream forwards and backwards with fromRevision and maxCount'), async () => {
      const s = stream('read');
      await store.appendToStream(
        s,
        [0, 1, 2, 3, 4].map((n) => testEvent('E', { n })),
        { expectedRevision: 'no_stream' },
      );
      const revisions = async (o: Parameters<EventStore['readStream']>[1]): Promise<bigint[]> =>
        (await store.readStream(s, o)).map((e) => e.revision);
      expect(await revisions({})).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(await revisions({ fromRevision: 2n })).toEqual([2n, 3n, 4n]);
      expect(await revisions({ fromRevision: 1n, maxCount: 2 })).toEqual([1n, 2n]);
      expect(await revisions({ fromRevision: 'end' })).toEqual([]);
      expect(await revisions({ direction: 'backwards' })).toEqual([4n, 3n, 2n, 1n, 0n]);
      expect(await revisions({ direction: 'backwards', maxCount: 1 })).toEqual([4n]);
      expect(await revisions({ direction: 'backwards', fromRevision: 2n, maxCount: 2 })).toEqual([
        2n,
        1n,
      ]);
      expect(await revisions({ direction: 'backwards', fromRevision: 'start' })).toEqual([0n]);
      expect(await store.readStream(stream('unknown'))).toEqual([]);
    });

    it(t('orders revisions numerically past ten events, both directions'), async () => {
      const s = stream('many');
      const events = Array.from({ length: 12 }, (_, n) => testEvent('E', { n }));
      await store.appendToStream(s, events.slice(0, 9), { expectedRevision: 'no_stream' });
      await store.appendToStream(s, events.slice(9), { expectedRevision: 8n });
      const expected = events.map((_, i) => BigInt(i));
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual(expected);
      expect(
        (await store.readStream(s, { direction: 'backwards' })).map((e) => e.revision),
      ).toEqual([...expected].reverse());
      expect(
        (await store.readStream(s, { fromRevision: 9n, maxCount: 2 })).map((e) => e.revision),
      ).toEqual([9n, 10n]);
    });

    it(
      t('readAll returns the log in position order, fromPosition exclusive, maxCount bounded'),
      async () => {
        const head = written;
        const [a, b] = [stream('ra'), stream('rb')];
        await store.appendToStream(a, [testEvent('A0')], { expectedRevision: 'no_stream' });
        await store.appendToStream(b, [testEvent('B0'), testEvent('B1')], {
          expectedRevision: 'no_stream',
        });
        await visible(
          (await store.appendToStream(a, [testEvent('A1')], { expectedRevision: 0n })).position,
        );
        const all = await store.readAll({ fromPosition: head });
        expect(all.map((e) => e.type)).toEqual(['A0', 'B0', 'B1', 'A1']);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((p, q) => (p < q ? -1 : p > q ? 1 : 0))).toEqual(positions);
        expect(new Set(positions).size).toBe(4);
        expect((await store.readAll({ fromPosition: positions[1]! })).map((e) => e.type)).toEqual([
          'B1',
          'A1',
        ]);
        expect(
          (await store.readAll({ fromPosition: head, maxCount: 2 })).map((e) => e.type),
        ).toEqual(['A0', 'B0']);
        expect(await store.readAll({ fromPosition: positions[3]! })).toEqual([]);
      },
    );

    it(
      t('readEventsById: the stored events among the ids, across streams, in global order'),
      async () => {
        const [a, b] = [stream('ida'), stream('idb')];
        const [a0, a1, b0] = [testEvent('A0'), testEvent('A1', { n: '2.50' }), testEvent('B0')];
        await store.appendToStream(b, [b0], { expectedRevision: 'no_stream' });
        await store.appendToStream(a, [a0, a1], { expectedRevision: 'no_stream' });
        const found = await store.readEventsById([
          a1.eventId,
          randomUUID(),
          b0.eventId,
          a1.eventId,
        ]);
        expect(found.map((e) => [e.eventId, e.streamId, e.type, e.data])).toEqual([
          [b0.eventId, b, 'B0', { n: 1 }],
          [a1.eventId, a, 'A1', { n: '2.50' }],
        ]);
        expect(found[1]?.revision).toBe(1n);
        expect(found[1]?.metadata).toEqual(metadata);
        const read = await store.readStream(a);
        expect(found[1]?.position).toBe(read[1]?.position);
        expect(await store.readEventsById([])).toEqual([]);
        expect(await store.readEventsById(['not-a-uuid', randomUUID()])).toEqual([]);
      },
    );

    it(t('readEventsById: metadata keeps an optional requestHash'), async () => {
      const s = stream('idh');
      const event = { ...testEvent('H'), metadata: { ...metadata, requestHash: 'abc123' } };
      await store.appendToStream(s, [event], { expectedRevision: 'no_stream' });
      const [found] = await store.readEventsById([event.eventId]);
      expect(found?.metadata).toEqual({ ...metadata, requestHash: 'abc123' });
    });

    it(t('concurrent first appends to a new stream: exactly one wins'), async () => {
      const s = stream('race');
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map(() =>
          store.appendToStream(s, [testEvent()], { expectedRevision: 'no_stream' }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(s)).toHaveLength(1);
    });

    it(
      t(
        'subscribeToAll catches up in batches, follows live, stops, and resumes from its last position',
      ),
      async () => {
        const head = written;
        const s = stream('sub');
        const before = [
          testEvent('B0'),
          testEvent('B1'),
          testEvent('B2'),
          testEvent('B3'),
          testEvent('B4'),
        ];
        await store.appendToStream(s, before, { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll({ fromPosition: head, batchSize: 2 });
        const caughtUp = await take(subscription, 5);
        expect(caughtUp.map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
        // Live: appended while the subscriber is waiting for news.
        const live = take(subscription, 2);
        const after = [testEvent('L0'), testEvent('L1')];
        await store.appendToStream(s, [after[0]!], { expectedRevision: 4n });
        await store.appendToStream(s, [after[1]!], { expectedRevision: 5n });
        const followed = await live;
        expect(followed.map((e) => e.eventId)).toEqual(after.map((e) => e.eventId));
        await subscription.stop();
        expect(await subscription[Symbol.asyncIterator]().next()).toEqual({
          done: true,
          value: undefined,
        });

        const last = followed[1]!.position;
        const later = testEvent('Later');
        await store.appendToStream(s, [later], { expectedRevision: 6n });
        const resumed = store.subscribeToAll({ fromPosition: last });
        expect((await take(resumed, 1)).map((e) => e.eventId)).toEqual([later.eventId]);
        await resumed.stop();
      },
    );

    concurrencyContract({
      store: () => store,
      stream,
      title: t,
      written: () => written,
      visible,
    });

    it(t('stop() ends a subscriber that is waiting for news'), async () => {
      const subscription = store.subscribeToAll({ fromPosition: written });
      const next = subscription[Symbol.asyncIterator]().next();
      await subscription.stop();
      expect(await next).toEqual({ done: true, value: undefined });
    });

    it.skipIf(options.verify === false)(
      t('verify: an untouched log verifies, every event checked'),
      async () => {
        const s = stream('verify');
        await store.appendToStream(
          s,
          [testEvent('V0'), testEvent('V1', { nested: { b: 1, a: [2, '3'] } })],
          {
            expectedRevision: 'no_stream',
          },
        );
        await store.appendMulti([
          { streamId: s, events: [testEvent('V2')], expectedRevision: 1n },
          { streamId: stream('verify-other'), events: [testEvent('V3')], expectedRevision: 'any' },
        ]);
        expect(typeof store.verify).toBe('function');
        const result = await store.verify?.({ pageSize: 7 });
        expect(result).toMatchObject({ ok: true, brokenEvents: 0 });
        expect(result?.checkedEvents).toBeGreaterThanOrEqual(4);
        expect(result?.firstBrokenPosition).toBeUndefined();
      },
    );
  });
};
