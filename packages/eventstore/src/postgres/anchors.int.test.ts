import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventToAppend } from '../event-store.js';
import { verifyExport, type ExportLine } from '../integrity/verify-export.js';
import { createPgClient } from '../sql/pg-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { horizonPassed } from '../testing/horizon.js';
import { createTestSchema, postgresAvailable, type TestSchema } from '../testing/services.js';
import { anchorEventLog, verifyAnchors } from './anchors.js';
import { exportEventLog, type ExportOptions } from './export-log.js';
import { migrateEventStore } from './migrate.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { verifyEventLog } from './verify-log.js';

// PostgreSQL only: the anchoring is SQL shared with PGlite (the contract suite runs the migration
// on both), and PGlite start-up dominates a test on a loaded machine.
const up = await postgresAvailable();

const event = (i: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'Noted',
  data: {
    i,
    text: `note ${i} — ünïcode "quoted"`,
    amount: '12.50',
    nested: { b: 1, a: [1.5, null] },
  },
  metadata: {
    actor: 'tester',
    correlationId: 'c',
    causationId: null,
    occurredAt: '2024-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

const exportLines = async (client: SqlClient, options: ExportOptions = {}): Promise<string[]> => {
  const lines: string[] = [];
  for await (const line of exportEventLog(client, { ...options, pageSize: 7 }))
    lines.push(JSON.stringify(line));
  return lines;
};

describe.skipIf(!up)('anchors, export and verify --file on PostgreSQL', () => {
  let schema: TestSchema | undefined;
  let client: SqlClient | undefined;
  afterEach(async () => {
    await client?.close();
    await schema?.drop();
    client = undefined;
    schema = undefined;
  });

  /** Streams a, b, c with 4 events each, interleaved, anchored after the first 6 and after all. */
  const setUp = async (): Promise<SqlClient> => {
    schema = await createTestSchema('anchors');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    const store = createPostgresEventStore(client);
    let i = 0;
    for (let round = 0; round < 4; round++) {
      for (const s of ['a', 'b', 'c']) {
        await store.appendToStream(`note-${s}`, [event(i++)], { expectedRevision: 'any' });
      }
      if (round === 1) {
        await horizonPassed(client);
        await anchorEventLog(client);
      }
    }
    await horizonPassed(client);
    const anchor = await anchorEventLog(client);
    expect(anchor?.eventCount).toBe(12n);
    return client;
  };

  it('an untouched log verifies, in the database and as an export of any range', async () => {
    const c = await setUp();
    const db = await verifyEventLog(c);
    expect(db).toMatchObject({
      ok: true,
      checkedEvents: 12,
      anchorsChecked: 2,
      unanchoredEvents: 0,
    });
    const all = await exportLines(c);
    expect(verifyExport(all)).toEqual({
      ok: true,
      checkedEvents: 12,
      anchorsChecked: 2,
      problems: [],
    });
    const { rows } = await c.query<{ p: string }>(
      'select position::text as p from events order by position',
    );
    const middle = await exportLines(c, {
      from: { kind: 'position', position: BigInt(rows[3]?.p ?? '0') },
      to: { kind: 'position', position: BigInt(rows[9]?.p ?? '0') },
    });
    expect(verifyExport(middle)).toMatchObject({ ok: true, checkedEvents: 7, anchorsChecked: 1 });
    const byTime = await exportLines(c, { from: { kind: 'time', at: new Date(0) } });
    expect(verifyExport(byTime)).toMatchObject({ ok: true, checkedEvents: 12 });
  });

  it('a whole stream deleted with its streams row: the per-stream chains pass, the anchors do not', async () => {
    const c = await setUp();
    await c.query(`delete from events where stream_id = 'note-b'`);
    await c.query(`delete from streams where stream_id = 'note-b'`);
    const db = await verifyEventLog(c);
    expect(db.brokenEvents).toBe(0);
    expect(db.brokenStreamId).toBeUndefined();
    expect(db.ok).toBe(false);
    expect(db.firstBrokenAnchor?.eventCount).toBe(6n);
    expect((await verifyAnchors(c)).firstBrokenAnchor).toBeDefined();
    const file = verifyExport(await exportLines(c));
    expect(file.ok).toBe(false);
    expect(file.problems[0]?.problem).toMatch(/anchor at .* records 6/);
  });

  it('an export edited after the fact: a removed line, an edited amount, a truncated file', async () => {
    const c = await setUp();
    const lines = await exportLines(c);
    const events = lines.filter((l) => (JSON.parse(l) as ExportLine).kind === 'event');
    const removed = lines.filter((l) => l !== events[4]);
    expect(verifyExport(removed).ok).toBe(false);
    const edited = lines.map((l) => (l === events[2] ? l.replace('"12.50"', '"99.50"') : l));
    expect(verifyExport(edited).problems[0]?.problem).toMatch(/fields differ/);
    expect(verifyExport(lines.slice(0, -1)).problems.at(-1)?.problem).toMatch(/truncated/);
    expect(verifyExport(['{"kind":"nonsense"}']).ok).toBe(false);
  });

  it('an event deleted from the middle of a stream (head row intact) is found by both', async () => {
    const c = await setUp();
    await c.query(`delete from events where stream_id = 'note-a' and revision = 1`);
    expect((await verifyEventLog(c)).ok).toBe(false);
    const file = verifyExport(await exportLines(c));
    expect(file.problems.map((p) => p.problem).join('\n')).toMatch(/no predecessor in the log/);
  });
});
