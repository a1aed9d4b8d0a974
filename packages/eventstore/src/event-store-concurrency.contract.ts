import { expect, it } from 'vitest';
import { testEvent } from './event-store-test-event.js';
import {
  WrongExpectedRevisionError,
  type AppendMultiResult,
  type EventStore,
  type EventToAppend,
  type GlobalPosition,
  type StreamAppend,
} from './event-store.js';

/** What the concurrency cases need from the contract suite around them. */
export interface ConcurrencyContext {
  readonly store: () => EventStore;
  /** A fresh stream id. */
  readonly stream: (name: string) => string;
  /** A test title naming the adapter. */
  readonly title: (text: string) => string;
  /** Highest position the suite has written so far. */
  readonly written: () => GlobalPosition;
  /** Waits until the log is readable up to `position`. */
  readonly visible: (position: GlobalPosition) => Promise<void>;
}

interface Attempt {
  readonly appends: readonly StreamAppend[];
  readonly succeeds: boolean;
}

const one = (
  streamId: string,
  events: readonly EventToAppend[],
  expectedRevision: StreamAppend['expectedRevision'],
): StreamAppend => ({ streamId, events, expectedRevision });

/**
 * Cases an adapter that shares transactions between concurrent appends (group commit) could get
 * wrong: every call still stands alone — atomic, checked in order, answered with its own result.
 */
export const concurrencyContract = (c: ConcurrencyContext): void => {
  it(
    c.title(
      'concurrent appends to one stream with numeric expected revisions: one wins per revision, losers write nothing',
    ),
    async () => {
      const store = c.store();
      const streams = [c.stream('cn'), c.stream('cn'), c.stream('cn')];
      for (const s of streams)
        await store.appendToStream(s, [testEvent('Seed')], { expectedRevision: 'no_stream' });
      let revision = 0n;
      for (let round = 0; round < 4; round++) {
        const contenders = streams.flatMap((streamId) =>
          [0, 1, 2, 3].map((n) => ({
            streamId,
            events: [testEvent('C', { round, n }), testEvent('C', { round, n })],
          })),
        );
        const results = await Promise.allSettled(
          contenders.map((x) =>
            store.appendToStream(x.streamId, x.events, { expectedRevision: revision }),
          ),
        );
        for (const s of streams) {
          const mine = contenders.flatMap((x, i) =>
            x.streamId === s ? [{ x, r: results[i]! }] : [],
          );
          const won = mine.flatMap(({ x, r }) =>
            r.status === 'fulfilled' ? [{ x, r: r.value }] : [],
          );
          expect(won).toHaveLength(1);
          for (const { r } of mine) {
            if (r.status === 'fulfilled') continue;
            expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
            const e = r.reason as WrongExpectedRevisionError;
            expect([e.streamId, e.expected, e.actual]).toEqual([s, revision, revision + 2n]);
          }
          const { x, r } = won[0]!;
          expect(r.nextRevision).toBe(revision + 2n);
          const stored = await store.readStream(s, { fromRevision: revision + 1n });
          expect(stored.map((e) => e.eventId)).toEqual(x.events.map((e) => e.eventId));
          expect(stored[1]?.position).toBe(r.position);
        }
        revision += 2n;
      }
      expect(await store.readStream(streams[0]!)).toHaveLength(9);
    },
  );

  it(
    c.title(
      'concurrent appends mixing success and failure: successes all readable, failures wrote nothing',
    ),
    async () => {
      const store = c.store();
      const head = c.written();
      const [base, taken] = [c.stream('mix-base'), c.stream('mix-taken')];
      await store.appendToStream(base, [testEvent()], { expectedRevision: 'no_stream' });
      await store.appendToStream(taken, [testEvent()], { expectedRevision: 'no_stream' });
      const twice = [testEvent('Dup'), testEvent('Dup')];
      const dup = c.stream('mix-dup');
      const attempts: Attempt[] = [
        { appends: [one(c.stream('ok'), [testEvent(), testEvent()], 'no_stream')], succeeds: true },
        { appends: [one(c.stream('bad'), [testEvent()], 3n)], succeeds: false },
        { appends: [one(dup, twice, 'no_stream')], succeeds: true },
        {
          appends: [
            one(c.stream('half'), [testEvent()], 'no_stream'),
            one(base, [testEvent()], 5n),
          ],
          succeeds: false,
        },
        { appends: [one(base, [testEvent('Next')], 0n)], succeeds: true },
        { appends: [one(taken, [testEvent()], 'no_stream')], succeeds: false },
        { appends: [one(dup, twice, 'no_stream')], succeeds: true },
        {
          appends: [
            one(c.stream('m1'), [testEvent()], 'no_stream'),
            one(c.stream('m2'), [testEvent(), testEvent()], 'any'),
          ],
          succeeds: true,
        },
        { appends: [one(c.stream('absent'), [testEvent()], 'stream_exists')], succeeds: false },
      ];
      const results = await Promise.allSettled(attempts.map((a) => store.appendMulti(a.appends)));

      const succeeded: Array<{ attempt: Attempt; result: AppendMultiResult }> = [];
      for (const [i, r] of results.entries()) {
        const attempt = attempts[i]!;
        expect(r.status).toBe(attempt.succeeds ? 'fulfilled' : 'rejected');
        if (r.status === 'fulfilled') succeeded.push({ attempt, result: r.value });
        else expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      // The two appends of the same events: one write, both answered as the first.
      const dups = succeeded.filter((s) => s.attempt.appends[0]!.streamId === dup);
      expect(dups[1]!.result).toEqual(dups[0]!.result);
      expect((await store.readStream(dup)).map((e) => e.eventId)).toEqual(
        twice.map((e) => e.eventId),
      );

      for (const { attempt, result } of succeeded)
        for (const [i, a] of attempt.appends.entries()) {
          const stored = await store.readStream(a.streamId);
          const ids = stored.map((e) => e.eventId);
          expect(ids.slice(-a.events.length)).toEqual(a.events.map((e) => e.eventId));
          expect(result.streams[i]?.nextRevision).toBe(stored[stored.length - 1]?.revision);
          expect(result.streams[i]?.position).toBe(stored[stored.length - 1]?.position);
        }
      for (const { appends } of attempts.filter((a) => !a.succeeds))
        for (const a of appends)
          if (a.streamId !== base && a.streamId !== taken)
            expect(await store.readStream(a.streamId)).toEqual([]);
      expect((await store.readStream(base)).map((e) => e.type)).toEqual(['Happened', 'Next']);

      // The log holds exactly the successes' events, once each, positions increasing.
      const last = succeeded.reduce((p, s) => (s.result.position > p ? s.result.position : p), 0n);
      await c.visible(last);
      const log = await store.readAll({ fromPosition: head });
      const expected = new Set(
        succeeded.flatMap((s) => s.attempt.appends.flatMap((a) => a.events.map((e) => e.eventId))),
      );
      // Leave out the two set-up events.
      const fromAttempts = log.filter(
        (e) => e.streamId !== taken && !(e.streamId === base && e.revision === 0n),
      );
      expect(new Set(fromAttempts.map((e) => e.eventId))).toEqual(expected);
      expect(fromAttempts).toHaveLength(expected.size);
      for (let i = 1; i < log.length; i++)
        expect(log[i]!.position > log[i - 1]!.position).toBe(true);
      expect((await store.verify?.())?.ok ?? true).toBe(true);
    },
  );
};
