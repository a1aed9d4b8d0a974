/**
 * `npm run bench -- catchup`: the whole system catching up from zero. Seeds BENCH_EVENTS events
 * (default 1,000,000: catalogue, stock movements, postings, orders through their life cycle),
 * then starts the projector as a separate process running every projection and times it until
 * every checkpoint has passed the head, next to a raw keyset scan of the same table (the floor:
 * one read of the log, decoding nothing). Progress (done of total, rate, time left) on stderr;
 * the projector process's resident memory is sampled throughout. BENCH_CATCHUP_SCHEMA=<name>
 * keeps the schema; a later run with the same name catches up over the log stored there.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openBenchStorage } from './bench-schema.js';
import { allProjections } from './all-projections.js';
import { createProgress } from './progress.js';
import { appendLog, countEvents, simulateLog, type LogShape } from './projections-seed.js';
import { rawScan } from './raw-scan.js';
import { backendCpuSeconds } from './backend-cpu.js';
import { recordSection } from './report/results.js';
import { resetReadModels } from './reset-read-models.js';
import { eventsUpTo, progressMarks } from './catchup/progress-marks.js';

const target = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);
const shapeFor = (scale: number): LogShape => ({
  products: 200,
  warehouses: 10,
  stockEvents: Math.round(100_000 * scale),
  accounts: 500,
  postings: Math.round(20_000 * scale),
  orders: Math.round(10_000 * scale),
  customers: 1_000,
});

export const run = async (): Promise<void> => {
  const startedAt = new Date();
  const kept = process.env['BENCH_CATCHUP_SCHEMA'];
  const storage = await openBenchStorage('catchup', allProjections, kept);
  const { client, store } = storage;
  try {
    const { rows: stored } = await client.query<{ n: string }>(
      'select count(*)::text as n from events',
    );
    let total = Number(stored[0]?.n ?? 0);
    let seeded: string;
    if (total > 0) {
      // A kept schema's log, seeded by an earlier run: the read side starts from zero again.
      await resetReadModels(storage.db, allProjections);
      seeded = `reused from schema ${kept}`;
    } else {
      // A first simulation at a tenth sizes the log; orders' life cycles make it grow a little
      // less than in proportion, so one more simulation, aimed 1.5% high, corrects a log that
      // came out short (or more than 3% over).
      let scale = target / (countEvents(simulateLog(shapeFor(0.1))) * 10);
      let commands = simulateLog(shapeFor(scale));
      total = countEvents(commands);
      if (total < target || total > target * 1.03) {
        scale *= (target * 1.015) / total;
        commands = simulateLog(shapeFor(scale));
        total = countEvents(commands);
      }
      const seeding = createProgress('append log', total, { unit: ' ev' });
      const seedStarted = performance.now();
      await appendLog(store, commands, seeding);
      seeded = `appended in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`;
      seeding.finish(`${total.toLocaleString('en-US')} events`);
    }
    await client.query('analyze events');
    const { rows: headRows } = await client.query<{ head: string }>(
      'select max(position)::text as head from events',
    );
    const head = BigInt(headRows[0]?.head ?? '0');

    // The fastest of three: one scan takes a second or two, and a neighbour's burst can halve it.
    let scan = await rawScan(client);
    for (let i = 0; i < 2; i++) {
      const again = await rawScan(client);
      if (again.seconds < scan.seconds) scan = again;
    }
    process.stderr.write(
      `raw keyset scan: ${Math.round(scan.rows / scan.seconds).toLocaleString('en-US')} rows/s\n`,
    );

    const marks = await progressMarks(client);
    const names = allProjections.map((p) => p.name);
    // Named, so the CPU of the PostgreSQL backends serving the projector can be read apart.
    const applicationName = `erpcore_catchup_${process.pid}`;
    const projectorUrl = new URL(storage.url);
    projectorUrl.searchParams.set('application_name', applicationName);
    // BENCH_PROJECTOR_PG_OPTIONS: server settings for the projector's connections only, e.g.
    // `-c log_min_duration_statement=0` to time its statements in the server's log.
    const pgOptions = process.env['BENCH_PROJECTOR_PG_OPTIONS'];
    if (pgOptions !== undefined)
      projectorUrl.searchParams.set(
        'options',
        `${projectorUrl.searchParams.get('options') ?? ''} ${pgOptions}`.trim(),
      );
    const child = spawn(
      process.execPath,
      [
        // BENCH_PROFILE=<dir>: the projector process writes a V8 CPU profile there.
        ...(process.env['BENCH_PROFILE'] === undefined
          ? []
          : ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_PROFILE']}`]),
        '--conditions=source',
        '--import',
        'tsx',
        fileURLToPath(new URL('./catchup/projector-child.ts', import.meta.url)),
      ],
      {
        env: { ...process.env, DATABASE_URL: projectorUrl.toString() },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let lastCpu = 0;
    let peakRss = 0;
    let lastRss = 0;
    const spawned = performance.now();
    let ready: (() => void) | undefined;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const { rss, cpu } = JSON.parse(line) as { rss?: number; cpu?: number };
        if (typeof cpu === 'number') lastCpu = cpu;
        if (typeof rss === 'number') {
          ready?.();
          lastRss = rss;
          peakRss = Math.max(peakRss, rss);
        }
      } catch {
        return;
      }
    });
    // Timed from the process's first word (projector started): the time to load code is apart.
    await Promise.race([isReady, exited]);
    const startSeconds = (performance.now() - spawned) / 1000;
    const started = performance.now();
    const cpuAtStart = lastCpu;
    const backendAtStart = (await backendCpuSeconds(client, applicationName)) ?? 0;
    const progress = createProgress('catch-up (all projections)', total, { unit: ' ev' });
    let seconds = 0;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const { rows } = await client.query<{ low: string | null; n: string }>(
        `select min(position)::text as low, count(*)::text as n from projection_checkpoints where name = any($1)`,
        [names],
      );
      const low = BigInt(rows[0]?.low ?? '0');
      if (Number(rows[0]?.n ?? 0) === names.length && low >= head) {
        seconds = (performance.now() - started) / 1000;
        break;
      }
      if (child.exitCode !== null) throw new Error('the projector process exited');
      progress.update(eventsUpTo(marks, low), `projector RSS ${Math.round(lastRss / 2 ** 20)} MB`);
    }
    progress.finish(`${Math.round(total / seconds).toLocaleString('en-US')} ev/s`);
    // The child reports every 500 ms: wait for a report past the end, then read its backends.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const projectorCpu = lastCpu - cpuAtStart;
    const backendEnd = await backendCpuSeconds(client, applicationName);
    const backendCpu = backendEnd === undefined ? undefined : backendEnd - backendAtStart;
    child.kill('SIGTERM');
    await exited;

    // Nothing lost: every projection active, none failed, no dead letters, one ledger row per movement.
    const { rows: states } = await client.query<{ failed: string; dead: string }>(
      `select (select count(*) from projection_checkpoints where state = 'failed')::text as failed,
              (select count(*) from projection_dead_letters)::text as dead`,
    );
    const ledgerTypes = allProjections.find((p) => p.name === 'stock_ledger')?.handles ?? [];
    const { rows: ledger } = await client.query<{ events: string; rows: string }>(
      `select (select count(*) from events where type = any($1))::text as events,
              (select count(*) from stock_ledger)::text as rows`,
      [ledgerTypes],
    );
    const lost =
      Number(ledger[0]?.events ?? 0) - Number(ledger[0]?.rows ?? 0) + Number(states[0]?.dead ?? 0);
    const rate = total / seconds;
    const scanRate = scan.rows / scan.seconds;
    const mb = (b: number): number => Math.round(b / 2 ** 20);
    process.stdout.write(
      `\ncatch-up of all ${names.length} projections together from 0 over ${total.toLocaleString('en-US')} events, projector in its own process\n` +
        `  erpcore projector   ${Math.round(rate).toLocaleString('en-US').padStart(8)} ev/s  ${seconds.toFixed(1)} s  (${(rate / scanRate).toFixed(2)}× the raw scan)\n` +
        `  raw keyset scan     ${Math.round(scanRate).toLocaleString('en-US').padStart(8)} ev/s  ${scan.seconds.toFixed(1)} s\n` +
        `  CPU during the catch-up: projector process ${projectorCpu.toFixed(1)} s, its PostgreSQL backends ${backendCpu === undefined ? 'n/a (server not local)' : `${backendCpu.toFixed(1)} s`}; load average ${loadavg()[0]!.toFixed(1)}\n` +
        `  projector RSS peak ${mb(peakRss)} MB; failed projections ${states[0]?.failed}, dead letters ${states[0]?.dead}, ledger rows ${ledger[0]?.rows} of ${ledger[0]?.events} movements\n`,
    );
    await recordSection({
      bench: 'catchup',
      title: 'System catch-up from zero (all projections together)',
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      conditions: [
        `${total.toLocaleString('en-US')} events (BENCH_EVENTS), ${seeded}`,
        `${names.length} projections (${names.join(', ')}) in ONE projector process, spawned as a child, pool of 10`,
        `timed from the projector process's start (its code loaded in ${startSeconds.toFixed(1)} s) until every checkpoint reached the head`,
        `CPU during the catch-up: projector ${projectorCpu.toFixed(1)} s, its PostgreSQL backends ${backendCpu === undefined ? 'n/a' : `${backendCpu.toFixed(1)} s`}; load average ${loadavg()[0]!.toFixed(1)}`,
        'baseline: keyset scan of the same events table, pages of 1,000, all columns, no decoding (fastest of 3)',
        `PostgreSQL on this machine, 2 shared cores`,
      ],
      figures: [
        {
          name: 'erpcore catch-up, all projections',
          value: rate,
          unit: 'ev/s',
          higherIsBetter: true,
          baseline: { name: 'raw keyset scan (one read of the log)', value: scanRate },
          target: '≥ 20,000 ev/s',
          met: rate >= 20_000,
        },
        {
          name: 'events lost by the catch-up',
          value: lost,
          unit: 'events',
          higherIsBetter: false,
          target: '0',
          met: lost === 0,
        },
        {
          name: 'projector resident memory, peak',
          value: mb(peakRss),
          unit: 'MB',
          higherIsBetter: false,
        },
      ],
    });
  } finally {
    await storage.close();
  }
};
