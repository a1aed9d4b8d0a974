/**
 * `npm run bench -- inventory`: GET /v1/products/:id/stock on `erpcore api` over 10,000 products ×
 * 20 warehouses, over the network, next to (a) the floor: a bare Fastify process running the same
 * SQL (http/floor-server.ts), and (b) the predecessor's N+1 read — list the warehouses, then one
 * query per warehouse for its latest ledger row — served by that bare process too. Each server is
 * its own process; the three are measured in alternating blocks in the same run. Then how a hot
 * SKU's state is loaded (last event vs folding its history).
 */
import { loadavg } from 'node:os';
import { asId, Quantity, type ProductId, type WarehouseId } from '@erpcore/domain';
import { execute, moveStock, stockModel } from '@erpcore/application';
import { withStatementTally } from '@erpcore/api';
import { loadStream } from '@erpcore/eventstore';
import { catalogProjections, inventoryProjections } from '@erpcore/projections';
import { benchCommandContext } from './bench-events.js';
import { seedHotStream } from './hot-stock-stream.js';
import { openBenchStorage } from './bench-schema.js';
import { spawnTs, startApiAndFloor, stopChild } from './http/child.js';
import { runBlock } from './http/http-load.js';
import { bar, createProgress } from './progress.js';
import { seedInventory, productId, warehouseId } from './inventory-seed.js';
import { recordSection, type Figure } from './report/results.js';
import { random } from './sales-seed.js';
import { summarize, type Summary } from './stats.js';

const products = Number(process.env['BENCH_PRODUCTS'] ?? 10_000);
const warehouses = Number(process.env['BENCH_WAREHOUSES'] ?? 20);
const requests = Number(process.env['BENCH_REQUESTS'] ?? 1_500);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const hotEvents = Number(process.env['BENCH_HOT_EVENTS'] ?? 20_000);
const rounds = 3;

interface RouteCase {
  readonly name: string;
  readonly base: 'api' | 'floor';
  readonly path: (product: string) => string;
}
const routes: readonly RouteCase[] = [
  {
    name: 'erpcore GET /v1/products/:id/stock',
    base: 'api',
    path: (p) => `/v1/products/${p}/stock`,
  },
  {
    name: 'floor: bare Fastify, same SQL',
    base: 'floor',
    path: (p) => `/v1/products/${p}/stock`,
  },
  { name: 'naive N+1 over the ledger', base: 'floor', path: (p) => `/bench/naive-stock/${p}` },
];

interface RouteResult extends Summary {
  readonly rps: number;
  readonly statements: number;
}

/**
 * Each route in blocks of requests, `inFlight` at a time, the order rotating each round so no
 * route always runs first (or last) on a warm cache; every route asks for the same products.
 */
const measure = async (
  bases: Record<RouteCase['base'], string>,
  inFlight: number,
  label: string,
): Promise<RouteResult[]> => {
  const latencies = routes.map((): number[] => []);
  const seconds = routes.map(() => 0);
  const statements = routes.map(() => Number.NaN);
  const progress = createProgress(label, requests * routes.length, { unit: ' req' });
  const perRound = Math.ceil(requests / rounds);
  let done = 0;
  for (let r = 0; r < rounds; r++) {
    const next = random(1000 + r);
    const chosen = Array.from({ length: perRound }, () => productId(Math.floor(next() * products)));
    for (let k = 0; k < routes.length; k++) {
      const i = (k + r) % routes.length;
      const route = routes[i]!;
      const block = await runBlock(
        bases[route.base],
        (n) => route.path(chosen[n]!),
        perRound,
        inFlight,
      );
      latencies[i]!.push(...block.latencies);
      seconds[i]! += block.seconds;
      if (!Number.isNaN(block.statements)) statements[i] = block.statements;
      done += perRound;
      progress.update(done, `round ${r + 1}/${rounds}`);
    }
  }
  progress.finish();
  return routes.map((_, i) => ({
    ...summarize(latencies[i]!),
    rps: latencies[i]!.length / seconds[i]!,
    statements: statements[i]!,
  }));
};

const timeIt = async (times: number, fn: () => Promise<unknown>): Promise<Summary> => {
  const latencies: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await fn();
    latencies.push(performance.now() - started);
  }
  return summarize(latencies);
};

const ms = (n: number): string => `${n.toFixed(2).padStart(7)}ms`;

export const run = async (): Promise<void> => {
  const startedAt = new Date();
  const projections = [...catalogProjections, ...inventoryProjections];
  const storage = await openBenchStorage('inventory', projections);
  const { client, store } = storage;
  const out = process.stdout;
  const children: Array<ReturnType<typeof spawnTs>> = [];
  try {
    const seeding = createProgress('seed', products, { unit: ' products' });
    const seedStarted = performance.now();
    await seedInventory(client, products, warehouses, seeding);
    for (const table of ['products', 'warehouses', 'stock_levels', 'stock_ledger'])
      await client.query(`analyze ${table}`);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const rows = products * warehouses * 4 + products + warehouses;
    seeding.finish(
      `${Math.round(rows / seedSeconds).toLocaleString('en-US')} rows/s (${rows.toLocaleString('en-US')} rows: products, levels, 3 ledger rows per pair; indexes included)`,
    );

    const servers = await startApiAndFloor(
      storage.url,
      `/v1/products/${productId(0)}/stock`,
      (child) => children.push(child),
    );
    const bases = { api: servers.apiBase, floor: servers.floorBase };
    // Warm plans, connections and the JIT on every route.
    for (const route of routes)
      await runBlock(bases[route.base], (n) => route.path(productId(n % products)), 300, 4);

    const load = loadavg()[0]!;
    const sequential = await measure(bases, 1, 'measure (1 in flight)');
    const parallel = await measure(bases, concurrency, `measure (${concurrency} in flight)`);

    out.write(
      `\nGET a product's stock, ${products.toLocaleString('en-US')} products × ${warehouses} warehouses, ${requests} requests per route per scenario,\n`,
    );
    out.write(
      `each server its own process over 127.0.0.1 (keep-alive, no gzip), routes in rotating blocks, pool of 10 each, PostgreSQL on this machine, load average ${load.toFixed(1)}\n\n`,
    );
    const figures: Figure[] = [];
    for (const [inFlight, results] of [
      [1, sequential],
      [concurrency, parallel],
    ] as const) {
      out.write(
        `${inFlight} in flight\n${'route'.padEnd(38)}    req/s   median      p99  statements\n`,
      );
      for (const [i, r] of routes.entries()) {
        const s = results[i];
        if (s !== undefined)
          out.write(
            `${r.name.padEnd(38)}${Math.round(s.rps).toString().padStart(9)}${ms(s.median)}${ms(s.p99)}  ${String(Number.isNaN(s.statements) ? '-' : s.statements).padStart(10)}\n`,
          );
      }
      const [erp, floorResult, naive] = results;
      if (erp !== undefined && naive !== undefined && floorResult !== undefined) {
        out.write(
          `ratios: erpcore/floor req/s ${(erp.rps / floorResult.rps).toFixed(2)}×, p99 ${(erp.p99 / floorResult.p99).toFixed(2)}×, median ${(erp.median / floorResult.median).toFixed(2)}× (targets ≥ 0.77×, p99 ≤ 1.3×); naive/erpcore median ${(naive.median / erp.median).toFixed(1)}×\n`,
        );
        const max = Math.max(naive.p99, erp.p99, floorResult.p99);
        for (const [name, s] of [
          ['erpcore', erp],
          ['floor', floorResult],
          ['naive N+1', naive],
        ] as const) {
          out.write(
            `  ${name.padEnd(10)} median ${bar(s.median, max)} ${s.median.toFixed(2)}\n  ${''.padEnd(10)} p99    ${bar(s.p99, max)} ${s.p99.toFixed(2)}\n`,
          );
        }
        figures.push(
          {
            name: `erpcore stock read, ${inFlight} in flight`,
            value: erp.rps,
            unit: 'req/s',
            higherIsBetter: true,
            baseline: { name: 'bare Fastify process, same SQL', value: floorResult.rps },
            target: '≥ 0.77×',
            met: erp.rps >= 0.77 * floorResult.rps,
          },
          {
            name: `erpcore stock read p99, ${inFlight} in flight`,
            value: erp.p99,
            unit: 'ms',
            higherIsBetter: false,
            baseline: { name: 'bare Fastify process p99', value: floorResult.p99 },
            target: '≤ 1.3×',
            met: erp.p99 <= 1.3 * floorResult.p99,
          },
          {
            name: `predecessor's N+1 read median, ${inFlight} in flight`,
            value: naive.median,
            unit: 'ms',
            higherIsBetter: false,
            baseline: { name: 'erpcore stock read median', value: erp.median },
          },
        );
      }
      out.write('\n');
    }
    for (const child of children.splice(0)) await stopChild(child);
    await recordSection({
      bench: 'inventory',
      title: "A product's stock over HTTP beside a bare Fastify process running the same SQL",
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      conditions: [
        `${products.toLocaleString('en-US')} products × ${warehouses} warehouses, ${requests} requests per route at 1 and ${concurrency} in flight (BENCH_REQUESTS, BENCH_CONCURRENCY)`,
        'erpcore: `erpcore api` (packages/cli) as its own process, rate limit raised, logging off',
        'floor: bare Fastify + pg pool of 10 as its own process, the same SQL and JSON shape; it also serves the N+1 read',
        'node:http keep-alive client in the bench process over 127.0.0.1; routes in rotating blocks on the same random products',
        `client, servers and PostgreSQL share this machine's 2 cores; load average ${load.toFixed(1)} at the start`,
      ],
      figures,
    });

    // A hot SKU: its state is read from the last event, however long the stream.
    const hot = await seedHotStream(store, productId(0), warehouseId(0), hotEvents);
    const lastEvent = await timeIt(200, () => loadStream(store, hot, stockModel));
    const folded = await timeIt(10, () =>
      loadStream(store, hot, { ...stockModel, load: { kind: 'fold' } }),
    );
    const context = benchCommandContext();
    const command = {
      type: 'IssueStock' as const,
      productId: asId<ProductId>(productId(0)),
      warehouseId: asId<WarehouseId>(warehouseId(0)),
      quantity: Quantity.ofScaled(1000n),
      reference: null,
    };
    const tally = { statements: 0 };
    const issue = await timeIt(200, async () => {
      const t = { statements: 0, durationMs: 0 };
      await withStatementTally(t, () => execute(store, moveStock, command, { context }));
      tally.statements = t.statements;
    });
    out.write(`hot SKU: one stock stream of ${hotEvents.toLocaleString('en-US')} events\n`);
    out.write(
      `  load state from the last event (1 row)      median ${ms(lastEvent.median)}  p99 ${ms(lastEvent.p99)}\n`,
    );
    out.write(
      `  load state by folding all ${hotEvents.toLocaleString('en-US')} events     median ${ms(folded.median)}  p99 ${ms(folded.p99)}  (${(folded.median / lastEvent.median).toFixed(0)}× slower)\n`,
    );
    out.write(
      `  issue 1 unit (load + decide + append)       median ${ms(issue.median)}  p99 ${ms(issue.p99)}  statements ${tally.statements}\n`,
    );
  } finally {
    for (const child of children) await stopChild(child);
    await storage.close();
  }
};
