/**
 * `npm run bench -- embedded`: `erpcore start` on PGlite (what `npm start` runs: the built
 * packages/cli/dist, so run `npm run build` first) over the demo company (`seed --demo`, in a
 * temporary ERP_DATA_DIR). Resident memory after start and its peak under a read load (stock,
 * product and orders pages, BENCH_CONCURRENCY in flight for BENCH_HTTP_SECONDS), and the CPU each
 * read costs the process; the same with `--no-liftoff-only` (V8's default WASM tiering) as the
 * baseline, alternating.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, residentBytes, spawnTs, stopChild, waitForHttp } from './http/child.js';
import { runBlock } from './http/http-load.js';
import { recordSection, type Figure } from './report/results.js';
import { p99 } from './stats.js';

const seconds = Number(process.env['BENCH_HTTP_SECONDS'] ?? 12);
const inFlight = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const bin = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));
const floorFile = fileURLToPath(new URL('./http/floor-pglite.ts', import.meta.url));

/** CPU seconds (user + system) a process has used, from /proc (USER_HZ 100). */
const cpuSeconds = async (pid: number | undefined): Promise<number> => {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const run1 = (args: readonly string[], env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, [...args, bin, ...['start']], {
    env: { ...process.env, ...env, LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '10000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });

interface Sample {
  readonly startSeconds: number;
  readonly rssStart: number;
  readonly rssPeak: number;
  readonly rps: number;
  readonly p99: number;
  readonly cpuMsPerRead: number;
}

/** `erpcore start` with these node flags, or the bare Fastify floor over the same PGlite. */
type Server = { readonly erpcore: readonly string[] } | 'floor';

const measure = async (dataDir: string, server: Server): Promise<Sample> => {
  const port = await freePort();
  const started = performance.now();
  const env = { ERP_DATA_DIR: dataDir, PORT: String(port) };
  const child = server === 'floor' ? spawnTs(floorFile, [], env) : run1(server.erpcore, env);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/health/ready`, 180_000);
    const startSeconds = (performance.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const rssStart = await residentBytes(child.pid);
    let rssPeak = rssStart;
    const sampler = setInterval(() => {
      void residentBytes(child.pid).then((b) => (rssPeak = Math.max(rssPeak, b)));
    }, 200);
    const cpuBefore = await cpuSeconds(child.pid);
    const sku = (i: number): string => `sku-${String((i % 300) + 1).padStart(4, '0')}`;
    const paths = [
      (i: number) => `/v1/products/${sku(i)}/stock`,
      (i: number) => `/v1/products/${sku(i)}`,
      () => '/v1/orders?limit=50',
    ];
    let elapsed = 0;
    const latencies: number[] = [];
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      const block = await runBlock(base, (i) => paths[i % paths.length]!(i), 300, inFlight);
      latencies.push(...block.latencies);
      elapsed += block.seconds;
    }
    const reads = latencies.length;
    const cpu = (await cpuSeconds(child.pid)) - cpuBefore;
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, await residentBytes(child.pid));
    return {
      startSeconds,
      rssStart,
      rssPeak,
      rps: reads / elapsed,
      p99: p99(latencies),
      cpuMsPerRead: (cpu * 1000) / reads,
    };
  } finally {
    await stopChild(child);
  }
};

export const run = async (): Promise<void> => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first`);
  const startedAt = new Date();
  const root = await mkdtemp(join(tmpdir(), 'erpcore-embedded-bench-'));
  try {
    const dataDir = join(root, 'data');
    process.stderr.write('seed --demo into a temporary data directory\n');
    const seeding = spawn(process.execPath, [bin, 'seed', '--demo'], {
      env: { ...process.env, ERP_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const code = await new Promise((resolve) => seeding.on('exit', resolve));
    if (code !== 0) throw new Error(`seed --demo exited ${String(code)}`);
    const load = loadavg()[0]!;
    const chosen: Sample[] = [];
    const tiered: Sample[] = [];
    const floor: Sample[] = [];
    for (let round = 0; round < 2; round++) {
      process.stderr.write(`round ${round + 1}/2: erpcore, floor, erpcore with V8 tiering\n`);
      chosen.push(await measure(dataDir, { erpcore: [] }));
      floor.push(await measure(dataDir, 'floor'));
      tiered.push(await measure(dataDir, { erpcore: ['--no-liftoff-only'] }));
    }
    const mb = (b: number): number => Math.round(b / 2 ** 20);
    const mean = (xs: readonly Sample[], f: (s: Sample) => number): number =>
      xs.reduce((a, s) => a + f(s), 0) / xs.length;
    const max = (xs: readonly Sample[], f: (s: Sample) => number): number => Math.max(...xs.map(f));
    const lines = [
      `embedded erpcore start (PGlite, demo company), ${inFlight} reads in flight for ${seconds} s, 2 rounds each, load average ${load.toFixed(1)}`,
      ...(
        [
          ['as shipped (shared_buffers 16MB, Liftoff only)', chosen],
          ['--no-liftoff-only (V8 tiering)', tiered],
          ['floor: bare Fastify, same SQL, same PGlite', floor],
        ] as const
      ).map(
        ([name, xs]) =>
          `  ${name.padEnd(48)} RSS ${mb(max(xs, (s) => s.rssStart))} MB after start, ${mb(max(xs, (s) => s.rssPeak))} MB peak; ${Math.round(mean(xs, (s) => s.rps))} reads/s (p99 ${mean(xs, (s) => s.p99).toFixed(1)} ms), ${mean(xs, (s) => s.cpuMsPerRead).toFixed(2)} ms CPU per read; started in ${mean(xs, (s) => s.startSeconds).toFixed(1)} s`,
      ),
    ];
    const readRatio = mean(chosen, (s) => s.rps) / mean(floor, (s) => s.rps);
    const p99Ratio = mean(chosen, (s) => s.p99) / mean(floor, (s) => s.p99);
    lines.push(
      `  erpcore / floor: ${readRatio.toFixed(2)}× the reads/s (target ≥ 0.5×, within 2×), p99 ${p99Ratio.toFixed(2)}×`,
    );
    process.stdout.write(`\n${lines.join('\n')}\n`);
    const figures: Figure[] = [
      {
        name: 'embedded reads/s (stock, product, orders page in turn)',
        value: mean(chosen, (s) => s.rps),
        unit: 'req/s',
        higherIsBetter: true,
        baseline: {
          name: 'bare Fastify, same SQL, same PGlite settings (own process)',
          value: mean(floor, (s) => s.rps),
        },
        target: '≥ 0.5× the floor (within 2×)',
        met: readRatio >= 0.5,
      },
      {
        name: 'embedded read p99',
        value: mean(chosen, (s) => s.p99),
        unit: 'ms',
        higherIsBetter: false,
        baseline: { name: 'bare Fastify over PGlite', value: mean(floor, (s) => s.p99) },
        target: '≤ 2× the floor',
        met: p99Ratio <= 2,
      },
      {
        name: 'embedded RSS, peak under reads',
        value: mb(max(chosen, (s) => s.rssPeak)),
        unit: 'MB',
        higherIsBetter: false,
        baseline: {
          name: 'the same with V8 WASM tiering (--no-liftoff-only)',
          value: mb(max(tiered, (s) => s.rssPeak)),
        },
        target: '< 250 MB',
        met: mb(max(chosen, (s) => s.rssPeak)) < 250,
      },
      {
        name: 'embedded RSS after start',
        value: mb(max(chosen, (s) => s.rssStart)),
        unit: 'MB',
        higherIsBetter: false,
        baseline: { name: 'with V8 WASM tiering', value: mb(max(tiered, (s) => s.rssStart)) },
      },
      {
        name: 'embedded CPU per read',
        value: mean(chosen, (s) => s.cpuMsPerRead),
        unit: 'ms',
        higherIsBetter: false,
        baseline: { name: 'with V8 WASM tiering', value: mean(tiered, (s) => s.cpuMsPerRead) },
      },
    ];
    await recordSection({
      bench: 'embedded',
      title: 'Embedded mode (PGlite): resident memory and the CPU of a read',
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      conditions: [
        '`node packages/cli/dist/bin.js start` (what `npm start` runs) on a fresh `seed --demo` data directory',
        `reads: stock, product and a page of 50 orders in turn, ${inFlight} in flight over 127.0.0.1 keep-alive, ${seconds} s (BENCH_CONCURRENCY, BENCH_HTTP_SECONDS)`,
        'RSS of the server process from /proc every 200 ms; CPU from /proc during the reads, per read',
        'the floor: bench/src/http/floor-pglite.ts, a bare Fastify process over the same data directory with the same PGlite settings, running the same SQL',
        `2 rounds each, alternating; load average ${load.toFixed(1)} at the start on this machine's 2 shared cores`,
      ],
      figures,
    });
  } finally {
    await rm(root, { recursive: true, force: true });
  }
};
