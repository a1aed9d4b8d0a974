/**
 * `npm run bench -- http`: reads over the network. The erpcore API (`erpcore api`) and the floor (a
 * bare Fastify server running the same SQL, http/floor-server.ts) each run as their own process
 * on the same seeded schema; autocannon drives a product's stock, an account and a branch's page
 * of 20 orders (random ids) at 10 and 100 connections. The API's resident memory is sampled.
 *
 * On a shared machine one pair of runs says little: two evening runs of the same build differed by
 * up to 0.35× on one read, more than any gap to a target. So each read and connection count runs
 * in rounds, the two servers alternating in ABBA order (floor first in even rounds, erpcore first
 * in odd ones) so a load that rises or falls through the pair hits both alike. A server's req/s
 * is its mean over the rounds and its p99 is taken over every response of every round; the
 * per-round ratios are printed beside them, so the spread is in view.
 */
import autocannon from 'autocannon';
import { openBenchStorage } from './bench-schema.js';
import { residentBytes, spawnTs, startApiAndFloor, stopChild } from './http/child.js';
import { readPaths, readProjections, seedReads } from './http/read-seed.js';
import { recordSection, type Figure } from './report/results.js';
import { random } from './sales-seed.js';
import { quantile } from './stats.js';

const products = Number(process.env['BENCH_PRODUCTS'] ?? 10_000);
const warehouses = Number(process.env['BENCH_WAREHOUSES'] ?? 20);
/** A whole number ≥ 1 from the environment, else `fallback`; anything else stops the bench. */
const countFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number ≥ 1, not ${process.env[name]}`);
  return value;
};
const seconds = countFromEnv('BENCH_HTTP_SECONDS', 5);
const rounds = countFromEnv('BENCH_HTTP_ROUNDS', 4);
const connectionCounts = [10, 100];
const size = { products, warehouses, orders: 20_000, accounts: 2_000 };
const paths = readPaths(size);
const reads = [
  ['stock', 'GET /v1/products/:id/stock'],
  ['account', 'GET /v1/accounts/:id'],
  ['orders', 'GET /v1/orders?branchId=…&limit=20'],
] as const;

interface Load {
  readonly rps: number;
  /** Every 200's response time in ms. */
  readonly latencies: readonly number[];
  readonly errors: number;
  readonly non2xx: number;
}

/** One server's rounds together: mean req/s, p99 over every response. */
interface Pooled {
  readonly rps: number;
  readonly p99: number;
  readonly rounds: readonly Load[];
}

const pool = (loads: readonly Load[]): Pooled => ({
  rps: loads.reduce((sum, l) => sum + l.rps, 0) / loads.length,
  p99: quantile(
    loads.flatMap((l) => l.latencies),
    0.99,
  ),
  rounds: loads,
});

const range = (xs: readonly number[]): string =>
  `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

/**
 * autocannon's own histogram keeps whole milliseconds, so at 2–3 ms a p99 ratio moves in steps of
 * 33–50%; every response's time (a float from hrtime) is kept here instead.
 */
const load = async (
  base: string,
  connections: number,
  path: (pick: number) => string,
): Promise<Load> => {
  const next = random(connections);
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({
          ...request,
          path: path(next()),
        }),
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) =>
      error === null || error === undefined ? resolve(done) : reject(error as Error),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
  const loaded = {
    rps: result.requests.average,
    latencies,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  if (loaded.errors + loaded.non2xx > 0)
    throw new Error(
      `errors under load on ${base}: ${loaded.errors} errors or timeouts, ${loaded.non2xx} not 2xx`,
    );
  return loaded;
};

/** `rounds` runs of each server in ABBA order. */
const alternate = async (
  floorBase: string,
  apiBase: string,
  connections: number,
  path: (pick: number) => string,
): Promise<{ readonly floor: Pooled; readonly erpcore: Pooled }> => {
  const floor: Load[] = [];
  const erpcore: Load[] = [];
  for (let round = 0; round < rounds; round += 1)
    if (round % 2 === 0) {
      floor.push(await load(floorBase, connections, path));
      erpcore.push(await load(apiBase, connections, path));
    } else {
      erpcore.push(await load(apiBase, connections, path));
      floor.push(await load(floorBase, connections, path));
    }
  return { floor: pool(floor), erpcore: pool(erpcore) };
};

export const run = async (): Promise<void> => {
  const startedAt = new Date();
  const storage = await openBenchStorage('http', readProjections);
  const children: Array<ReturnType<typeof spawnTs>> = [];
  try {
    await seedReads(storage.client, size);

    const { api, apiBase, floorBase } = await startApiAndFloor(
      storage.url,
      paths.stock(0),
      (child) => children.push(child),
    );
    const apiRssStart = await residentBytes(api.pid);
    let apiRssPeak = apiRssStart;
    const sampler = setInterval(() => {
      void residentBytes(api.pid).then((b) => (apiRssPeak = Math.max(apiRssPeak, b)));
    }, 250);

    // Warm both (plans, pools, JIT).
    for (const [read] of reads) {
      await load(floorBase, 10, paths[read]);
      await load(apiBase, 10, paths[read]);
    }
    const figures: Figure[] = [];
    const out: string[] = [];
    for (const [read, route] of reads)
      for (const connections of connectionCounts) {
        process.stderr.write(
          `${read}: autocannon ${connections} connections, ${rounds} rounds of ${seconds} s per server\n`,
        );
        const { floor: f, erpcore: e } = await alternate(
          floorBase,
          apiBase,
          connections,
          paths[read],
        );
        const perRound = (at: (l: Load) => number) =>
          e.rounds.map((l, i) => at(l) / at(f.rounds[i]!));
        out.push(
          `${route}, ${connections} connections: erpcore ${Math.round(e.rps)} req/s p99 ${e.p99.toFixed(2)} ms; bare Fastify same SQL ${Math.round(f.rps)} req/s p99 ${f.p99.toFixed(2)} ms; ${(e.rps / f.rps).toFixed(2)}× req/s (rounds ${range(perRound((l) => l.rps))}), p99 ${(e.p99 / f.p99).toFixed(2)}× (rounds ${range(perRound((l) => quantile(l.latencies, 0.99)))})`,
        );
        figures.push(
          {
            name: `erpcore ${read} read, ${connections} connections`,
            value: e.rps,
            unit: 'req/s',
            higherIsBetter: true,
            baseline: { name: `bare Fastify, same SQL, ${connections} connections`, value: f.rps },
            target: '≥ 0.77×',
            met: e.rps >= 0.77 * f.rps,
          },
          {
            name: `erpcore ${read} read p99, ${connections} connections`,
            value: e.p99,
            unit: 'ms',
            higherIsBetter: false,
            baseline: { name: `bare Fastify p99, ${connections} connections`, value: f.p99 },
            target: '≤ 1.3×',
            met: e.p99 <= 1.3 * f.p99,
          },
        );
      }
    clearInterval(sampler);
    const mb = (b: number): number => Math.round(b / 2 ** 20);
    out.push(`API resident memory: ${mb(apiRssStart)} MB after start, ${mb(apiRssPeak)} MB peak`);
    figures.push({
      name: 'API resident memory, peak under load',
      value: mb(apiRssPeak),
      unit: 'MB',
      higherIsBetter: false,
      baseline: { name: 'API resident memory after start', value: mb(apiRssStart) },
      target: '< 250 MB',
      met: mb(apiRssPeak) < 250,
    });
    process.stdout.write(`\n${out.join('\n')}\n`);
    await recordSection({
      bench: 'http',
      title: 'Reads over HTTP beside a bare Fastify server running the same SQL',
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      conditions: [
        `${products.toLocaleString('en-US')} products × ${warehouses} warehouses (BENCH_PRODUCTS, BENCH_WAREHOUSES), ${size.orders.toLocaleString('en-US')} orders in 20 branches, ${size.accounts.toLocaleString('en-US')} accounts`,
        'erpcore: `erpcore api` (packages/cli) as its own process, rate limit raised, logging off',
        'floor: bare Fastify + pg pool of 10 as its own process, the same SQL as named statements (as erpcore runs them), the same bytes',
        `autocannon from the bench process over 127.0.0.1, random ids, no gzip: ${rounds} rounds (BENCH_HTTP_ROUNDS) of ${seconds} s (BENCH_HTTP_SECONDS) per server, read and connection count, the servers in ABBA order; req/s is the mean of the rounds, p99 is over every response of every round`,
        'client, both servers and PostgreSQL share this machine’s 2 cores',
      ],
      figures,
    });
  } finally {
    for (const child of children) await stopChild(child);
    await storage.close();
  }
};
