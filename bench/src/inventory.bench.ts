/**
 * `npm run bench -- inventory`: GET /v1/products/:id/stock through the Fastify app over
 * 10,000 products × 20 warehouses, next to (a) the predecessor's N+1 read — list the warehouses,
 * then one query per warehouse for its latest ledger row — and (b) a bare one-row primary-key
 * SELECT served by the same app, measured interleaved in the same run; then how a hot SKU's
 * state is loaded (last event vs folding its history).
 */
import type { FastifyInstance } from 'fastify';
import { asId, Quantity, type ProductId, type WarehouseId } from '@erpcore/domain';
import { execute, moveStock, stockModel } from '@erpcore/application';
import { withStatementTally } from '@erpcore/api';
import { loadStream, type SqlClient } from '@erpcore/eventstore';
import { catalogProjections, inventoryProjections, type ReadDb } from '@erpcore/projections';
import { buildBenchApp, timeGet, type TimedRequests } from './bench-app.js';
import { benchCommandContext } from './bench-events.js';
import { seedHotStream } from './hot-stock-stream.js';
import { openBenchStorage } from './bench-schema.js';
import { bar, createProgress } from './progress.js';
import { seedInventory, productId, warehouseId } from './inventory-seed.js';
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
  readonly path: (product: string) => string;
}
const routes: readonly RouteCase[] = [
  { name: 'erpcore GET /v1/products/:id/stock', path: (p) => `/v1/products/${p}/stock` },
  { name: 'naive N+1 over the ledger', path: (p) => `/bench/naive-stock/${p}` },
  { name: 'bare one-row PK SELECT', path: (p) => `/bench/pk/${p}` },
];

/** The predecessor's read: the warehouses, then each one's latest ledger row (1 + N statements). */
const benchRoutes = (app: FastifyInstance, client: SqlClient, db: ReadDb): void => {
  app.get('/bench/naive-stock/:id', async (request) => {
    const { id } = request.params as { id: string };
    const { rows: list } = await client.query<{ id: string }>(
      'select id from warehouses order by id',
    );
    const rows = [];
    let total = 0n;
    for (const w of list) {
      const { rows: latest } = await client.query<{ balance_after: string }>(
        'select balance_after from stock_ledger where product_id = $1 and warehouse_id = $2 order by position desc limit 1',
        [id, w.id],
      );
      const onHand = BigInt(latest[0]?.balance_after ?? '0');
      total += onHand;
      if (latest.length > 0)
        rows.push({
          warehouseId: w.id,
          onHand: Quantity.format(Quantity.ofScaled(onHand)),
          reserved: '0',
          available: Quantity.format(Quantity.ofScaled(onHand)),
        });
    }
    const t = Quantity.format(Quantity.ofScaled(total));
    return { productId: id, onHand: t, reserved: '0', available: t, warehouses: rows };
  });
  // The floor: the cheapest read a route can do, through the same app, kysely and pool.
  app.get('/bench/pk/:id', async (request) => {
    const { id } = request.params as { id: string };
    const row = await db
      .selectFrom('stock_levels')
      .select(['product_id', 'warehouse_id', 'on_hand', 'reserved', 'available'])
      .where('product_id', '=', id)
      .where('warehouse_id', '=', warehouseId(0))
      .executeTakeFirst();
    return row ?? {};
  });
};

/** Interleaves the routes request by request (and in rounds), `inFlight` workers at a time. */
const measure = async (
  app: FastifyInstance,
  inFlight: number,
  label: string,
): Promise<Summary[] & { statements?: number[] }> => {
  const samples: TimedRequests[] = routes.map(() => ({ latencies: [], statements: 0 }));
  const progress = createProgress(label, requests * routes.length, { unit: ' req' });
  let done = 0;
  for (let r = 0; r < rounds; r++) {
    const next = random(1000 + r);
    const perRound = Math.ceil(requests / rounds);
    let issued = 0;
    const worker = async () => {
      while (issued < perRound) {
        issued += 1;
        const product = productId(Math.floor(next() * products));
        for (const [i, route] of routes.entries())
          await timeGet(app, route.path(product), samples[i] ?? { latencies: [], statements: 0 });
        done += routes.length;
        progress.update(done, `round ${r + 1}/${rounds}`);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  }
  progress.finish();
  const summaries = samples.map((s) => summarize(s.latencies)) as Summary[] & {
    statements?: number[];
  };
  summaries.statements = samples.map((s) => s.statements);
  return summaries;
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
  const projections = [...catalogProjections, ...inventoryProjections];
  const storage = await openBenchStorage('inventory', projections);
  const { client, db, store } = storage;
  const out = process.stdout;
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

    // The per-key rate limit would cut the run short: this measures reads, not the limiter.
    const served = await buildBenchApp(storage, projections, { rateLimitMax: 1_000_000 });
    const { app } = served;
    benchRoutes(app, client, db);
    await app.ready();
    // Warm plans, connections and the JIT on every route.
    for (let i = 0; i < 50; i++)
      for (const r of routes) await app.inject({ method: 'GET', url: r.path(productId(i)) });

    const sequential = await measure(app, 1, 'measure (1 in flight)');
    const parallel = await measure(app, concurrency, `measure (${concurrency} in flight)`);

    out.write(
      `\nGET a product's stock, ${products.toLocaleString('en-US')} products × ${warehouses} warehouses, ${requests} requests per route per scenario,\n`,
    );
    out.write(
      `routes interleaved request by request, app.inject (in-process, no network, no gzip), pool of 10, PostgreSQL on this machine\n\n`,
    );
    for (const [label, results] of [
      ['1 in flight', sequential],
      [`${concurrency} in flight`, parallel],
    ] as const) {
      out.write(`${label}\n${'route'.padEnd(38)}  median      p99  statements\n`);
      for (const [i, r] of routes.entries()) {
        const s = results[i];
        if (s !== undefined)
          out.write(
            `${r.name.padEnd(38)}${ms(s.median)}${ms(s.p99)}  ${String(results.statements?.[i] ?? '?').padStart(10)}\n`,
          );
      }
      const [erp, naive, pk] = results;
      if (erp !== undefined && naive !== undefined && pk !== undefined) {
        out.write(
          `ratios: naive/erpcore median ${(naive.median / erp.median).toFixed(1)}×, p99 ${(naive.p99 / erp.p99).toFixed(1)}×; `,
        );
        out.write(
          `erpcore/bare-PK median ${(erp.median / pk.median).toFixed(2)}×, p99 ${(erp.p99 / pk.p99).toFixed(2)}× (target ≤ 2×)\n`,
        );
        const max = Math.max(naive.p99, erp.p99, pk.p99);
        for (const [name, s] of [
          ['erpcore', erp],
          ['naive N+1', naive],
          ['bare PK', pk],
        ] as const) {
          out.write(
            `  ${name.padEnd(10)} median ${bar(s.median, max)} ${s.median.toFixed(2)}\n  ${''.padEnd(10)} p99    ${bar(s.p99, max)} ${s.p99.toFixed(2)}\n`,
          );
        }
      }
      out.write('\n');
    }
    await served.close();

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
    await storage.close();
  }
};
