import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEvent } from '../event-store-test-event.js';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../event-store.js';
import { createPgClient } from '../sql/pg-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/services.js';
import { appendWithin } from './append-sql.js';
import { migrateEventStore } from './migrate.js';
import { verifyEventLog } from './verify-log.js';

const up = await postgresAvailable();

/**
 * es_append_one reads the stream without a lock and claims it only at the revision it read: these
 * cases make a second writer commit in between, so its claim matches nothing and es_append's
 * locking path must answer. PostgreSQL only: it takes two sessions at once.
 */
describe.skipIf(!up)('es_append fast path under a concurrent writer (PostgreSQL)', () => {
  let schema: TestSchema;
  let client: SqlClient;
  beforeAll(async () => {
    schema = await createTestSchema('append-one');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
  });
  afterAll(async () => {
    await client?.close();
    await schema?.drop();
  });

  /**
   * Appends to `streamId` in a transaction that stays open until a second append, started
   * meanwhile, waits on it; then commits, and answers how the second append ended.
   */
  const raceBehindOpenAppend = async (
    streamId: string,
    firstExpected: ExpectedRevision,
    secondExpected: ExpectedRevision,
  ) => {
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let firstPid!: number;
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const first = client.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('select pg_backend_pid() as pid');
      firstPid = rows[0]!.pid;
      const result = await appendWithin(tx, [
        { streamId, events: [testEvent('First')], expectedRevision: firstExpected },
      ]);
      opened();
      await committing;
      return result;
    });
    await open;
    const second = appendWithin(client, [
      { streamId, events: [testEvent('Second')], expectedRevision: secondExpected },
    ]).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    // Commit only once the second append is blocked by the first: it has read the stream already.
    for (;;) {
      const { rows } = await client.query<{ waiting: boolean }>(
        'select exists (select from pg_stat_activity where $1::int = any(pg_blocking_pids(pid))) as waiting',
        [firstPid],
      );
      if (rows[0]?.waiting === true) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    commit();
    return { first: await first, second: await second };
  };

  it('an existing stream: a stale expected revision fails with the committed one', async () => {
    const streamId = `one-${randomUUID()}`;
    await appendWithin(client, [
      { streamId, events: [testEvent('Zero')], expectedRevision: 'no_stream' },
    ]);
    const { first, second } = await raceBehindOpenAppend(streamId, 0n, 0n);
    expect(first.streams[0]?.nextRevision).toBe(1n);
    expect(second.ok).toBe(false);
    const error = second.ok ? undefined : second.error;
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ streamId, expected: 0n, actual: 1n });
  });

  it('an existing stream: "any" goes after the writer that got there first', async () => {
    const streamId = `one-${randomUUID()}`;
    await appendWithin(client, [
      { streamId, events: [testEvent('Zero')], expectedRevision: 'no_stream' },
    ]);
    const { first, second } = await raceBehindOpenAppend(streamId, 0n, 'any');
    expect(second.ok && second.value.streams[0]?.nextRevision).toBe(2n);
    expect(second.ok && second.value.position).toBeGreaterThan(first.position);
    const { rows } = await client.query<{ type: string; revision: string }>(
      'select type, revision::text as revision from events where stream_id = $1 order by revision',
      [streamId],
    );
    expect(rows).toEqual([
      { type: 'Zero', revision: '0' },
      { type: 'First', revision: '1' },
      { type: 'Second', revision: '2' },
    ]);
    expect(await verifyEventLog(client)).toMatchObject({ ok: true, brokenEvents: 0 });
  });

  it('a new stream: a second "no_stream" fails, a second "any" goes after', async () => {
    const failing = `one-${randomUUID()}`;
    const lost = await raceBehindOpenAppend(failing, 'no_stream', 'no_stream');
    expect(lost.second.ok).toBe(false);
    expect(lost.second.ok ? undefined : lost.second.error).toMatchObject({
      streamId: failing,
      expected: 'no_stream',
      actual: 0n,
    });

    const following = `one-${randomUUID()}`;
    const { second } = await raceBehindOpenAppend(following, 'no_stream', 'any');
    expect(second.ok && second.value.streams[0]?.nextRevision).toBe(1n);
    expect(await verifyEventLog(client)).toMatchObject({ ok: true, brokenEvents: 0 });
  });

  it('appends in one transaction number their events in sequence and chain their hashes', async () => {
    const [a, b] = [`one-${randomUUID()}`, `one-${randomUUID()}`];
    const results = await client.transaction(async (tx) => [
      await appendWithin(tx, [
        { streamId: a, events: [testEvent(), testEvent()], expectedRevision: 'no_stream' },
      ]),
      await appendWithin(tx, [{ streamId: b, events: [testEvent()], expectedRevision: 'any' }]),
      await appendWithin(tx, [{ streamId: a, events: [testEvent()], expectedRevision: 1n }]),
    ]);
    const positions = results.map((r) => r.position);
    expect(positions[1]! - positions[0]!).toBe(1n);
    expect(positions[2]! - positions[1]!).toBe(1n);
    expect(results[2]?.streams[0]?.nextRevision).toBe(2n);
    expect(await verifyEventLog(client)).toMatchObject({ ok: true, brokenEvents: 0 });
  });
});
