import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeAppends } from '../append-input.js';
import { testEvent } from '../event-store-test-event.js';
import { WrongExpectedRevisionError, type StreamAppend } from '../event-store.js';
import { createPgClient } from '../sql/pg-client.js';
import { createPgliteClient } from '../sql/pglite-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createTestSchema, postgresAvailable } from '../testing/services.js';
import { AppendSqlError, appendBatchWithin, type AppendOutcome } from './append-batch.js';
import { migrateEventStore } from './migrate.js';
import { verifyEventLog } from './verify-log.js';

const up = await postgresAvailable();

interface Backend {
  readonly client: SqlClient;
  readonly close: () => Promise<void>;
}

const openPglite = async (): Promise<Backend> => {
  const client = await createPgliteClient();
  await migrateEventStore(client);
  return { client, close: () => client.close() };
};
const openPg = async (): Promise<Backend> => {
  const schema = await createTestSchema('append-batch');
  const client = createPgClient({ pool: schema.pool });
  await migrateEventStore(client);
  return {
    client,
    close: async () => {
      await client.close();
      await schema.drop();
    },
  };
};

const single = (
  streamId: string,
  events: StreamAppend['events'],
  expectedRevision: StreamAppend['expectedRevision'],
): StreamAppend[] => normalizeAppends([{ streamId, events, expectedRevision }]);

const valueOf = (o: AppendOutcome | undefined) => {
  if (o === undefined || !o.ok) throw new Error('expected a success');
  return o.value;
};
const errorOf = (o: AppendOutcome | undefined): Error => {
  if (o === undefined || o.ok) throw new Error('expected a failure');
  return o.error;
};

/** es_append_batch itself, on one deterministic batch: what group commit relies on. */
describe.each([
  { name: 'PGlite', open: openPglite, skip: false },
  { name: 'PostgreSQL', open: openPg, skip: !up },
])('es_append_batch on $name', ({ open, skip }) => {
  let b: Backend;
  beforeAll(async () => {
    if (!skip) b = await open();
  });
  afterAll(async () => {
    await b?.close();
  });

  it.skipIf(skip)(
    'runs appends in arrival order in one transaction; each failure rolls back only itself',
    async () => {
      const [s1, s2, s3] = ['s1', 's2', 's3'].map((n) => `${n}-${randomUUID()}`);
      const first = [testEvent('A0'), testEvent('A1')];
      const outcomes = await appendBatchWithin(b.client, [
        single(s1!, first, 'no_stream'),
        single(s1!, [testEvent('B')], 1n), // sees the first append of the same batch
        single(s2!, [testEvent()], 5n), // absent stream: fails
        single(s1!, [testEvent()], 1n), // stale now: fails
        single(s1!, first, 'no_stream'), // same event ids as the first: a no-op, answered alike
        normalizeAppends([
          { streamId: s3!, events: [testEvent()], expectedRevision: 'no_stream' },
          { streamId: s1!, events: [testEvent()], expectedRevision: 0n },
        ]), // one wrong stream: nothing of it, s3 neither
        // Skips normalizeAppends, so es_append's uuid cast fails: any error stays with its append.
        [{ streamId: s1!, events: [{ ...testEvent(), eventId: 'nope' }], expectedRevision: 'any' }],
        single(s1!, [testEvent('C')], 2n), // still goes after all those failures
      ]);
      expect(outcomes.map((o) => o.ok)).toEqual([
        true,
        true,
        false,
        false,
        true,
        false,
        false,
        true,
      ]);

      const [a, bb, , , again, , , c] = outcomes.map((o) => (o.ok ? o.value : undefined));
      expect(a?.streams[0]?.nextRevision).toBe(1n);
      expect(bb?.streams[0]?.nextRevision).toBe(2n);
      expect(c?.streams[0]?.nextRevision).toBe(3n);
      // A retry answers as the first append did: its position and its revision, not the
      // stream's revision now.
      expect(again?.position).toBe(a?.position);
      expect(again?.streams[0]?.nextRevision).toBe(1n);
      // One transaction (one txid), positions consecutive across its appends.
      const positions = [a, bb, c].map((r) => r!.position);
      expect(new Set(positions.map((p) => p >> 20n)).size).toBe(1);
      expect(positions).toEqual([positions[0]!, positions[0]! + 1n, positions[0]! + 2n]);

      const wrong = [2, 3, 5].map((i) => errorOf(outcomes[i]) as WrongExpectedRevisionError);
      for (const e of wrong) expect(e).toBeInstanceOf(WrongExpectedRevisionError);
      expect(wrong.map((e) => [e.streamId, e.expected, e.actual])).toEqual([
        [s2, 5n, 'no_stream'],
        [s1, 1n, 2n],
        [s1, 0n, 2n],
      ]);
      const other = errorOf(outcomes[6]);
      expect(other).toBeInstanceOf(AppendSqlError);
      expect((other as AppendSqlError).code).toBe('22P02');

      const { rows } = await b.client.query<{ stream_id: string; revision: string; type: string }>(
        'select stream_id, revision::text as revision, type from events where stream_id = any($1) order by position',
        [[s1, s2, s3]],
      );
      expect(rows.map((r) => [r.stream_id, r.revision, r.type])).toEqual([
        [s1, '0', 'A0'],
        [s1, '1', 'A1'],
        [s1, '2', 'B'],
        [s1, '3', 'C'],
      ]);
      // The failed appends' new streams left no row behind (the batch locked them up front).
      const streams = await b.client.query<{ stream_id: string }>(
        'select stream_id from streams where stream_id = any($1) order by stream_id',
        [[s1, s2, s3]],
      );
      expect(streams.rows.map((r) => r.stream_id)).toEqual([s1]);
      // The hash chain runs through the appends of the batch.
      expect(await verifyEventLog(b.client)).toMatchObject({ ok: true, brokenEvents: 0 });
      expect(valueOf(outcomes[0]).streams[0]?.position).toBe(positions[0]);
    },
  );

  it.skipIf(skip)('the same event id in two appends of one batch is written once', async () => {
    const [x, y] = ['x', 'y'].map((n) => `${n}-${randomUUID()}`);
    const shared = testEvent('Shared');
    const outcomes = await appendBatchWithin(b.client, [
      single(x!, [shared], 'any'),
      single(x!, [shared, testEvent('Fresh')], 'any'),
      single(y!, [testEvent('Y')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    const { rows } = await b.client.query<{ type: string; revision: string }>(
      'select type, revision::text as revision from events where stream_id = $1 order by position',
      [x],
    );
    expect(rows).toEqual([
      { type: 'Shared', revision: '0' },
      { type: 'Fresh', revision: '1' },
    ]);
    expect(valueOf(outcomes[1]).streams[0]?.nextRevision).toBe(1n);
  });

  it.skipIf(skip)(
    'independent appends (no stream twice) are answered as one by one, in one pass',
    async () => {
      const [p, q, r, t, u] = ['p', 'q', 'r', 't', 'u'].map((n) => `${n}-${randomUUID()}`);
      await appendBatchWithin(b.client, [single(q!, [testEvent('Q0')], 'no_stream')]);
      const retried = testEvent('U0');
      const outcomes = await appendBatchWithin(b.client, [
        single(p!, [testEvent('P0'), testEvent('P1')], 'no_stream'),
        single(q!, [testEvent('Q1')], 3n), // stale: fails alone
        // Two streams: taken in stream-id order, as es_append takes them.
        normalizeAppends([
          { streamId: u!, events: [retried], expectedRevision: 'no_stream' },
          { streamId: r!, events: [testEvent('R0')], expectedRevision: 'any' },
        ]),
        single(t!, [testEvent('T0')], 'stream_exists'), // absent: fails, leaves no row
      ]);
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true, false]);
      const wrong = [1, 3].map((i) => errorOf(outcomes[i]) as WrongExpectedRevisionError);
      expect(wrong.map((e) => [e.constructor, e.streamId, e.expected, e.actual])).toEqual([
        [WrongExpectedRevisionError, q, 3n, 0n],
        [WrongExpectedRevisionError, t, 'stream_exists', 'no_stream'],
      ]);
      const [first, , both] = outcomes.map((o) => (o.ok ? o.value : undefined));
      expect(first?.streams).toEqual([
        { streamId: p, nextRevision: 1n, position: first?.position },
      ]);
      const [rPosition, uPosition] = [first!.position + 1n, first!.position + 2n];
      expect(both?.position).toBe(uPosition);
      expect(both?.streams).toEqual([
        { streamId: u, nextRevision: 0n, position: r! < u! ? uPosition : rPosition },
        { streamId: r, nextRevision: 0n, position: r! < u! ? rPosition : uPosition },
      ]);
      const streams = await b.client.query<{ stream_id: string; revision: string }>(
        'select stream_id, revision::text as revision from streams where stream_id = any($1) order by stream_id',
        [[p, q, r, t, u]],
      );
      expect(streams.rows).toEqual(
        [
          { stream_id: p, revision: '1' },
          { stream_id: q, revision: '0' },
          { stream_id: r, revision: '0' },
          { stream_id: u, revision: '0' },
        ].sort((x, y) => (x.stream_id! < y.stream_id! ? -1 : 1)),
      );

      // An event stored already (a retry) makes the batch run one by one: answered as before.
      const again = await appendBatchWithin(b.client, [
        single(u!, [retried], 'no_stream'),
        single(p!, [testEvent('P2')], 1n),
        // Skips normalizeAppends: the uuid cast fails for this append only.
        [{ streamId: t!, events: [{ ...testEvent(), eventId: 'nope' }], expectedRevision: 'any' }],
      ]);
      expect(again.map((o) => o.ok)).toEqual([true, true, false]);
      expect(valueOf(again[0]).position).toBe(both?.position);
      expect(valueOf(again[1]).streams[0]?.nextRevision).toBe(2n);
      expect((errorOf(again[2]) as AppendSqlError).code).toBe('22P02');
      const alone = await appendBatchWithin(b.client, [
        [{ streamId: t!, events: [{ ...testEvent(), eventId: 'nope' }], expectedRevision: 'any' }],
        single(p!, [testEvent('P3')], 2n),
      ]);
      expect(alone.map((o) => o.ok)).toEqual([false, true]);
      const { rows } = await b.client.query<{ stream_id: string; type: string }>(
        'select stream_id, type from events where stream_id = any($1) order by position',
        [[p, q, r, t, u]],
      );
      expect(rows.map((e) => e.type)).toEqual(
        r! < u!
          ? ['Q0', 'P0', 'P1', 'R0', 'U0', 'P2', 'P3']
          : ['Q0', 'P0', 'P1', 'U0', 'R0', 'P2', 'P3'],
      );
      expect(await verifyEventLog(b.client)).toMatchObject({ ok: true, brokenEvents: 0 });
    },
  );
});
