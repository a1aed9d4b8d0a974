/**
 * `npm run bench -- projections`: how fast each projection catches up. Seeds a realistic log
 * (catalogue, ~100k stock movements, a chart of 500 accounts with ~20k postings, ~10k orders
 * through their life cycle) through the event store, then rebuilds every projection alone from
 * position 0 — once per event (`apply`), once with its batch hook (`applyBatch`) when it has
 * one — next to a raw keyset scan of the same events table in pages of 1,000 (the ceiling), all
 * in the same run. Both paths must leave identical tables; the bench fails if they do not.
 */
import { sql } from 'kysely';
import {
  accountTreeProjection,
  catalogProjections,
  customerBalancesProjection,
  orderListProjection,
  rebuildProjection,
  stockLedgerProjection,
  stockLevelsProjection,
  type ProjectionDefinition,
  type ReadDb,
} from '@erpcore/projections';
import type { SqlClient } from '@erpcore/eventstore';
import { openBenchStorage } from './bench-schema.js';
import { bar, createProgress } from './progress.js';
import { appendLog, countEvents, simulateLog } from './projections-seed.js';

const scale = Number(process.env['BENCH_SCALE'] ?? 1);
const shape = {
  products: 200,
  warehouses: 10,
  stockEvents: Math.round(100_000 * scale),
  accounts: 500,
  postings: Math.round(20_000 * scale),
  orders: Math.round(10_000 * scale),
  customers: 1_000,
};
const projections: readonly ProjectionDefinition[] = [
  stockLevelsProjection,
  stockLedgerProjection,
  accountTreeProjection,
  orderListProjection,
  customerBalancesProjection,
  ...catalogProjections,
];

/** Reads the whole events table by keyset in pages of 1,000 rows, decoding nothing: the ceiling. */
const rawScan = async (client: SqlClient): Promise<{ rows: number; seconds: number }> => {
  const started = performance.now();
  let rows = 0;
  let from = '0';
  for (;;) {
    const page = await client.query<{ position: string }>(
      // ORDER BY the column, not the text alias of the same name (that sorts the table as text).
      'select e.position::text as position, e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata from events e where e.position > $1 order by e.position limit 1000',
      [from],
    );
    rows += page.rows.length;
    const last = page.rows[page.rows.length - 1];
    if (last === undefined || page.rows.length < 1000) break;
    from = last.position;
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
};

/** A fingerprint of every row of `table`: two paths agree iff they leave the same rows. */
const fingerprint = async (db: ReadDb, table: string): Promise<string> => {
  const { rows } = await sql<{ md5: string | null; n: string }>`
    select md5(string_agg(t::text, E'\\n' order by t::text)) as md5, count(*)::text as n from ${sql.table(table)} t`.execute(
    db,
  );
  return `${rows[0]?.n ?? '0'} rows ${rows[0]?.md5 ?? '-'}`;
};

/** The same projection without its batch hook: the per-event path. */
const perEventOnly = (projection: ProjectionDefinition): ProjectionDefinition => {
  const { applyBatch: _unused, ...rest } = projection;
  return rest;
};

interface Result {
  readonly label: string;
  readonly seconds: number;
  readonly rate: number;
}

export const run = async (): Promise<void> => {
  const storage = await openBenchStorage('projections', projections);
  const { client, db, store } = storage;
  try {
    const commands = simulateLog(shape);
    const total = countEvents(commands);
    const seeding = createProgress('append log', total, { unit: ' ev' });
    await appendLog(store, commands, seeding);
    seeding.finish(`${total.toLocaleString('en-US')} events`);
    await client.query('analyze events');
    const { rows: types } = await client.query<{ type: string; n: string }>(
      'select type, count(*)::text as n from events group by type order by count(*) desc',
    );
    const perType = new Map(types.map((t) => [t.type, Number(t.n)]));

    const scans = [await rawScan(client)];
    const results: Result[] = [];
    const cases = projections.flatMap((p) =>
      p.applyBatch === undefined
        ? [{ label: `${p.name} (per event)`, projection: p, base: p }]
        : [
            { label: `${p.name} (per event)`, projection: perEventOnly(p), base: p },
            { label: `${p.name} (applyBatch)`, projection: p, base: p },
          ],
    );
    const progress = createProgress('rebuild', cases.length, { unit: ' rebuilds' });
    const prints = new Map<string, string>();
    for (const [i, c] of cases.entries()) {
      progress.update(i, c.label);
      const started = performance.now();
      await rebuildProjection({ store, db, client, projection: c.projection, batchSize: 1000 });
      const seconds = (performance.now() - started) / 1000;
      results.push({ label: c.label, seconds, rate: total / seconds });
      for (const table of c.base.tables) {
        const print = await fingerprint(db, table);
        const seen = prints.get(table);
        if (seen !== undefined && seen !== print)
          throw new Error(
            `${c.label}: ${table} differs from the per-event rebuild (${print} vs ${seen})`,
          );
        prints.set(table, print);
      }
    }
    progress.finish();
    scans.push(await rawScan(client));
    const ceiling = Math.max(...scans.map((s) => s.rows / s.seconds));

    const handled = (p: ProjectionDefinition): number =>
      p.handles.reduce((n, t) => n + (perType.get(t) ?? 0), 0);
    process.stdout.write(
      `\nprojection catch-up from 0 over ${total.toLocaleString('en-US')} events (${shape.products} products × ${shape.warehouses} warehouses, ${shape.accounts} accounts, ${shape.orders.toLocaleString('en-US')} orders)\n`,
    );
    process.stdout.write(
      `raw keyset scan, pages of 1,000: ${scans.map((s) => Math.round(s.rows / s.seconds).toLocaleString('en-US')).join(' / ')} rows/s (best is the ceiling)\n\n`,
    );
    const width = Math.max(
      ...results.map((r) => r.label.length),
      'system: all, one after another'.length,
    );
    const line = (label: string, rate: number, seconds: number, events: string): string =>
      `${label.padEnd(width)}  ${bar(rate, ceiling)}  ${Math.round(rate).toLocaleString('en-US').padStart(7)} ev/s  ${(rate / ceiling).toFixed(2)}×  ${seconds.toFixed(1).padStart(5)} s  ${events}\n`;
    process.stdout.write(line('raw keyset scan', ceiling, total / ceiling, `${total} scanned`));
    for (const [i, r] of results.entries()) {
      const c = cases[i];
      process.stdout.write(
        line(r.label, r.rate, r.seconds, c === undefined ? '' : `${handled(c.base)} handled`),
      );
    }
    // One projection's rate says nothing of the system: rebuilt one after another, the system
    // takes the sum of their times (the fastest path of each). `npm run bench -- catchup` measures
    // all projections caught up together by one projector process.
    const best = new Map<string, number>();
    for (const [i, r] of results.entries()) {
      const name = cases[i]?.base.name ?? r.label;
      best.set(name, Math.min(best.get(name) ?? Number.POSITIVE_INFINITY, r.seconds));
    }
    const systemSeconds = [...best.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(
      line(
        'system: all, one after another',
        total / systemSeconds,
        systemSeconds,
        'sum of the fastest path of each',
      ),
    );
    process.stdout.write(
      '\nev/s per projection = events of the whole log per second of that projection’s rebuildProjection alone (shadow tables, replay, swap): not the system’s catch-up rate; the system line divides the log by the sum of their times. × = ratio to the raw scan.\n',
    );
  } finally {
    await storage.close();
  }
};
