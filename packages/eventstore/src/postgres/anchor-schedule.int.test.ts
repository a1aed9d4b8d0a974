import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventStore, EventToAppend } from '../event-store.js';
import { createPgClient } from '../sql/pg-client.js';
import type { SqlClient, SqlConnection } from '../sql/sql-client.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/services.js';
import { startAnchorSchedule, type AnchorSchedule } from './anchor-schedule.js';
import { listAnchors } from './anchors.js';
import { migrateEventStore } from './migrate.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { verifyEventLog } from './verify-log.js';

const up = await postgresAvailable();

const event = (i: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'Noted',
  data: { i },
  metadata: {
    actor: 'tester',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2024-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

/**
 * The log's last position, committed or not yet below the horizon: `headPosition` is what readers
 * may see, which stops short while another transaction of the cluster is still running.
 */
const lastPosition = async (client: SqlClient): Promise<bigint> => {
  const { rows } = await client.query<{ last: string }>(
    'select coalesce(max(position), 0)::text as last from events',
  );
  return BigInt(rows[0]?.last ?? '0');
};

// Anchors wait for the oldest running transaction of the whole cluster; another process's long
// transaction (a benchmark's seeding) may hold them back for a while, so wait long.
const until = async (what: () => Promise<boolean>, timeoutMs = 50_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

interface Logged {
  readonly level: 'info' | 'error';
  readonly details: object;
  readonly message: string;
}

describe.skipIf(!up)('the anchor schedule on PostgreSQL', () => {
  let schema: TestSchema | undefined;
  let client: SqlClient | undefined;
  let schedule: AnchorSchedule | undefined;
  const logged: Logged[] = [];
  const logger = {
    info: (details: object, message: string) => logged.push({ level: 'info', details, message }),
    error: (details: object, message: string) => logged.push({ level: 'error', details, message }),
  };
  afterEach(async () => {
    await schedule?.stop();
    await client?.close();
    await schema?.drop();
    schedule = undefined;
    client = undefined;
    schema = undefined;
    logged.length = 0;
  });

  const setUp = async (): Promise<{ client: SqlClient; store: EventStore }> => {
    schema = await createTestSchema('anchor_schedule');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    return { client, store: createPostgresEventStore(client) };
  };

  it('anchors as the log moves, only when it moved; a deletion after an anchor fails verify', async () => {
    const { client, store } = await setUp();
    schedule = startAnchorSchedule({ conn: client, intervalMs: 30, logger });
    // An empty log: nothing to anchor, however many ticks pass.
    await new Promise((r) => setTimeout(r, 150));
    expect(await listAnchors(client)).toEqual([]);

    for (const s of ['a', 'b', 'c'])
      await store.appendToStream(`s-${s}`, [event(1), event(2)], { expectedRevision: 'any' });
    const head = await lastPosition(client);
    await until(async () => (await listAnchors(client)).at(-1)?.position === head);
    const first = await listAnchors(client);
    expect(first.at(-1)?.eventCount).toBe(6n);

    // Idle log: ticks go on, no anchor is added.
    await new Promise((r) => setTimeout(r, 200));
    expect(await listAnchors(client)).toEqual(first);

    await store.appendToStream('s-d', [event(3)], { expectedRevision: 'any' });
    const moved = await lastPosition(client);
    await until(async () => (await listAnchors(client)).at(-1)?.position === moved);
    expect((await listAnchors(client)).length).toBe(first.length + 1);
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
    expect(logged.filter((l) => l.message === 'event log anchored')).toHaveLength(first.length + 1);

    // A whole stream deleted with its head row: the stream chains cannot see it, the anchors do.
    expect((await verifyEventLog(client)).ok).toBe(true);
    const deleted = (await store.readStream('s-b'))[0]!.position;
    const covering = (await listAnchors(client)).find((a) => a.position >= deleted);
    await client.query(`delete from events where stream_id = 's-b'`);
    await client.query(`delete from streams where stream_id = 's-b'`);
    const verified = await verifyEventLog(client);
    expect(verified).toMatchObject({ ok: false, brokenEvents: 0 });
    expect(verified.firstBrokenAnchor).toEqual(covering);
  }, 120_000);

  it('a failing tick is logged and retried on the next; stop ends the ticks', async () => {
    const { client, store } = await setUp();
    await store.appendToStream('s-a', [event(1)], { expectedRevision: 'any' });
    let failures = 2;
    // The first two ticks' queries fail as a lost connection would; then the database answers.
    const flaky: SqlConnection = {
      query: (text, params) =>
        failures-- > 0
          ? Promise.reject(new Error('connection terminated unexpectedly'))
          : client.query(text, params),
    };
    schedule = startAnchorSchedule({ conn: flaky, intervalMs: 20, logger });
    await until(async () => (await listAnchors(client)).length === 1);
    const errors = logged.filter((l) => l.level === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]?.message).toMatch(/retrying next tick/);

    await schedule.stop();
    await store.appendToStream('s-a', [event(2)], { expectedRevision: 'any' });
    await new Promise((r) => setTimeout(r, 150));
    expect(await listAnchors(client)).toHaveLength(1);
  });

  it('stop does not wait on a stalled tick past its bound', async () => {
    const { client } = await setUp();
    const stalled: SqlConnection = { query: () => new Promise(() => undefined) };
    schedule = startAnchorSchedule({ conn: stalled, intervalMs: 10, logger, stopWaitMs: 100 });
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await schedule.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await listAnchors(client)).toEqual([]);
  });

  it('refuses an interval that is not a whole number of ms above 0', () => {
    for (const intervalMs of [0, -5, 1.5, Number.NaN])
      expect(() =>
        startAnchorSchedule({
          conn: { query: () => Promise.reject(new Error('unused')) },
          intervalMs,
          logger,
        }),
      ).toThrow(RangeError);
  });
});
