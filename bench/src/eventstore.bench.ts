/**
 * Event store throughput on PostgreSQL, each figure next to a raw multi-row INSERT into an
 * identical table in the same run (same machine, same moment): the ratio is the figure.
 */
import { randomUUID } from 'node:crypto';
import {
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type EventToAppend,
  type SqlClient,
} from '@erpcore/eventstore';
import { postgresUrl } from '@erpcore/eventstore/testing';
import { benchMetadata } from './bench-events.js';
import { openBenchSchema } from './bench-schema.js';
import { bar, createProgress, type Progress } from './progress.js';
import { summarize } from './stats.js';

/** Longest one round of one case may run. */
const capMs = 1_600;
/**
 * Each case alternates erpcore and the raw baseline in short rounds, so load from anything else
 * on the machine falls on both sides of the ratio alike.
 */
const rounds = 3;
const pageSize = 1_000;

interface AppendCase {
  readonly writers: number;
  readonly perAppend: number;
  /** Events to write (or fewer if the cap is hit first). */
  readonly target: number;
}
const cases: readonly AppendCase[] = [
  { writers: 1, perAppend: 1, target: 6_000 },
  { writers: 1, perAppend: 10, target: 30_000 },
  { writers: 8, perAppend: 1, target: 12_000 },
  { writers: 8, perAppend: 10, target: 60_000 },
];

interface Measured {
  readonly events: number;
  readonly seconds: number;
  readonly latenciesMs: number[];
}
const rate = (m: Measured): number => m.events / m.seconds;
const combine = (parts: readonly Measured[]): Measured => ({
  events: parts.reduce((n, p) => n + p.events, 0),
  seconds: parts.reduce((n, p) => n + p.seconds, 0),
  latenciesMs: parts.flatMap((p) => p.latenciesMs),
});

const metadata = benchMetadata();
const makeEvent = (i: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'StockReceived',
  data: {
    productId: `p-${i % 97}`,
    warehouseId: 'w-1',
    quantity: '12.500',
    balanceAfter: `${i}.000`,
    reference: `grn-${i}`,
  },
  metadata,
});

/** Runs `writers` loops of `append(writer)` until `target` events or the cap; each call writes `perAppend`. */
const drive = async (
  c: AppendCase,
  progress: Progress,
  offset: number,
  note: string,
  append: (writer: number) => Promise<void>,
): Promise<Measured> => {
  const started = performance.now();
  const deadline = started + capMs;
  const latenciesMs: number[] = [];
  let events = 0;
  await Promise.all(
    Array.from({ length: c.writers }, async (_, w) => {
      while (events < c.target && performance.now() < deadline) {
        const t0 = performance.now();
        await append(w);
        latenciesMs.push(performance.now() - t0);
        events += c.perAppend;
        progress.update(offset + events, note);
      }
    }),
  );
  return { events, seconds: (performance.now() - started) / 1000, latenciesMs };
};

const benchEventStore = (
  store: EventStore,
  c: AppendCase,
  tag: string,
  progress: Progress,
  offset: number,
): Promise<Measured> => {
  const revisions = Array.from({ length: c.writers }, () => -1n);
  return drive(c, progress, offset, `erpcore ${c.writers}w×${c.perAppend}`, async (w) => {
    const expected = revisions[w]!;
    const events = Array.from({ length: c.perAppend }, (_, i) => makeEvent(i));
    const result = await store.appendToStream(`bench-${tag}-${w}`, events, {
      expectedRevision: expected === -1n ? 'no_stream' : expected,
    });
    revisions[w] = result.nextRevision;
  });
};

const benchRawInsert = (
  client: SqlClient,
  c: AppendCase,
  tag: string,
  progress: Progress,
  offset: number,
): Promise<Measured> => {
  const revisions = Array.from({ length: c.writers }, () => 0);
  const values = Array.from(
    { length: c.perAppend },
    (_, i) =>
      `(nextval('raw_position'), pg_current_xact_id(), $${i * 6 + 1}, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6})`,
  );
  const sql = `insert into events_raw (position, txid, stream_id, revision, event_id, type, data, metadata) values ${values.join(', ')}`;
  return drive(c, progress, offset, `raw INSERT ${c.writers}w×${c.perAppend}`, async (w) => {
    const params = Array.from({ length: c.perAppend }, (_, i) => {
      const e = makeEvent(i);
      return [
        `raw-${tag}-${w}`,
        revisions[w]! + i,
        e.eventId,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      ];
    }).flat();
    await client.query(sql, params);
    revisions[w]! += c.perAppend;
  });
};

type Page = (from: bigint) => Promise<readonly { position: bigint }[]>;

/** Reads `count` events through both readers, alternating page by page (fair under load). */
const benchReads = async (
  count: number,
  progress: Progress,
  offset: number,
  ours: Page,
  raw: Page,
): Promise<{ ours: Measured; raw: Measured }> => {
  const state = [ours, raw].map((page) => ({
    page,
    from: 0n,
    events: 0,
    seconds: 0,
    latenciesMs: [] as number[],
    done: false,
  }));
  while (state.some((r) => !r.done)) {
    for (const r of state) {
      if (r.done) continue;
      const t0 = performance.now();
      const rows = await r.page(r.from);
      const ms = performance.now() - t0;
      r.latenciesMs.push(ms);
      r.seconds += ms / 1000;
      r.events += rows.length;
      r.from = rows[rows.length - 1]?.position ?? r.from;
      r.done = rows.length === 0 || r.events >= count;
    }
    progress.update(
      offset + state.reduce((n, r) => n + r.events, 0),
      'readAll / raw keyset SELECT',
    );
  }
  const [o, w] = state.map(({ events, seconds, latenciesMs }) => ({
    events,
    seconds,
    latenciesMs,
  }));
  return { ours: o!, raw: w! };
};

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const run = async (): Promise<void> => {
  const schema = await openBenchSchema('eventstore', process.env['DATABASE_URL'] ?? postgresUrl);
  const client = createPgClient({ connectionString: schema.url, max: 10 });
  try {
    await migrateEventStore(client);
    await client.query(
      'create table events_raw (like events including all); create sequence raw_position',
    );
    // BENCH_GROUP_COMMIT=0 measures the adapter with one transaction per append, for comparison.
    const groupCommit = process.env['BENCH_GROUP_COMMIT'] !== '0';
    process.stderr.write(`group commit ${groupCommit ? 'on' : 'off'}\n`);
    const store = createPostgresEventStore(client, { groupCommit });
    // Warm the pool and the plan caches.
    await benchEventStore(
      store,
      { writers: 8, perAppend: 1, target: 400 },
      'warm',
      { update: () => undefined, finish: () => undefined },
      0,
    );

    const writeTotal = 2 * rounds * cases.reduce((s, c) => s + Math.ceil(c.target / rounds), 0);
    const readTarget = 100_000;
    const progress = createProgress('bench eventstore', writeTotal + 2 * readTarget, {
      unit: ' ev',
    });
    let offset = 0;
    const rows: Array<{ name: string; ours: Measured; raw: Measured }> = [];
    for (const [i, c] of cases.entries()) {
      const round = { ...c, target: Math.ceil(c.target / rounds) };
      const ours: Measured[] = [];
      const raw: Measured[] = [];
      for (let r = 0; r < rounds; r++) {
        ours.push(await benchEventStore(store, round, `c${i}r${r}`, progress, offset));
        offset += round.target;
        raw.push(await benchRawInsert(client, round, `c${i}r${r}`, progress, offset));
        offset += round.target;
      }
      rows.push({
        name: `append ${c.writers} writer${c.writers > 1 ? 's' : ''} × ${c.perAppend} event${c.perAppend > 1 ? 's' : ''}`,
        ours: combine(ours),
        raw: combine(raw),
      });
    }
    const [{ n: oursCount } = { n: '0' }] = (
      await client.query<{ n: string }>('select count(*)::text as n from events')
    ).rows;
    const [{ n: rawCount } = { n: '0' }] = (
      await client.query<{ n: string }>('select count(*)::text as n from events_raw')
    ).rows;
    // Fresh statistics for both tables, as autovacuum would give a live system.
    await client.query('analyze events; analyze events_raw');
    const readCount = Math.min(readTarget, Number(oursCount), Number(rawCount));
    const reads = await benchReads(
      readCount,
      progress,
      offset,
      (from) => store.readAll({ fromPosition: from, maxCount: pageSize }),
      async (from) => {
        const { rows: page } = await client.query<{ position: string }>(
          // Same columns and conversions as the adapter's readAll; ORDER BY the column, not the text alias.
          'select r.position::text as position, r.stream_id, r.revision::text as revision, r.event_id::text as event_id, r.type, r.data, r.metadata from events_raw r where r.position > $1 order by r.position limit $2',
          [from, pageSize],
        );
        return page.map((r) => ({ position: BigInt(r.position) }));
      },
    );
    rows.push({ name: `readAll, pages of ${fmt(pageSize)}`, ...reads });
    progress.finish();
    report(rows);
  } finally {
    await client.close();
    // BENCH_KEEP_SCHEMA=1 leaves the tables for inspection (EXPLAIN, sizes).
    await schema.close({ keep: process.env['BENCH_KEEP_SCHEMA'] === '1' });
  }
};

const report = (rows: ReadonlyArray<{ name: string; ours: Measured; raw: Measured }>): void => {
  const out: string[] = [];
  const header = [
    'case',
    'erpcore ev/s',
    'raw ev/s',
    'ratio',
    'erpcore p50/p99 ms',
    'raw p50/p99 ms',
  ];
  const table = rows.map(({ name, ours, raw }) => {
    const o = summarize(ours.latenciesMs);
    const r = summarize(raw.latenciesMs);
    return [
      name,
      fmt(rate(ours)),
      fmt(rate(raw)),
      `${fmt(rate(ours) / rate(raw), 2)}×`,
      `${fmt(o.median, 2)} / ${fmt(o.p99, 2)}`,
      `${fmt(r.median, 2)} / ${fmt(r.p99, 2)}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  out.push(
    '',
    'Event store on PostgreSQL vs raw multi-row INSERT / keyset SELECT into an identical table (same run)',
    '',
  );
  out.push(line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...table.map(line), '');
  // Each pair is drawn against its own faster side: the bars show the ratio, whatever the scale.
  const nameWidth = Math.max(...rows.map((r) => r.name.length));
  out.push('events/s, each pair scaled to its faster side (# erpcore, = raw baseline)');
  for (const { name, ours, raw } of rows) {
    const max = Math.max(rate(ours), rate(raw));
    out.push(`${name.padEnd(nameWidth)}  ${bar(rate(ours), max)} ${fmt(rate(ours))}`);
    out.push(
      `${''.padEnd(nameWidth)}  ${bar(rate(raw), max).replace(/#/g, '=')} ${fmt(rate(raw))}`,
    );
  }
  out.push('');
  process.stdout.write(`${out.join('\n')}\n`);
};
