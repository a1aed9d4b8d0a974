/**
 * `npm run bench -- sales`: a filtered page of 50 orders with their items, through the Fastify
 * app, for each filter of GET /v1/orders, over 100,000 orders × 5 items, next to the naive read
 * an ORM does (a page of order rows, then one query per order for its items: 1 + 50 statements)
 * over a normalized orders + order_items pair seeded with the same data, in the same run.
 */
import { doc, statementsFromHeader } from '@erpcore/api';
import type { SqlClient } from '@erpcore/eventstore';
import { salesProjections } from '@erpcore/projections';
import type { FastifyInstance } from 'fastify';
import { buildBenchApp } from './bench-app.js';
import { openBenchStorage } from './bench-schema.js';
import { bar, createProgress } from './progress.js';
import {
  branches,
  createNaiveTables,
  customers,
  random,
  salespeople,
  seedOrders,
  statuses,
} from './sales-seed.js';
import { summarize, type Summary } from './stats.js';

const orders = Number(process.env['BENCH_ORDERS'] ?? 100_000);
const requestsPerCase = Number(process.env['BENCH_REQUESTS'] ?? 210);
const rounds = 3;

interface FilterCase {
  readonly name: string;
  /** A query string for request `n` (values drawn from a seeded generator). */
  readonly query: (next: () => number) => string;
}
const pick = (next: () => number, n: number): number => Math.floor(next() * n);
const status = (next: () => number): string => statuses[pick(next, statuses.length)] ?? 'pending';
const cases: readonly FilterCase[] = [
  { name: 'no filter', query: () => '' },
  { name: 'status', query: (n) => `status=${status(n)}` },
  { name: 'branch + status', query: (n) => `branchId=BR-${pick(n, branches)}&status=${status(n)}` },
  { name: 'customer', query: (n) => `customerId=CUST-${pick(n, customers)}` },
  {
    name: 'customer + status',
    query: (n) => `customerId=CUST-${pick(n, customers)}&status=${status(n)}`,
  },
  {
    name: 'salesperson + status',
    query: (n) => `salespersonId=SP-${pick(n, salespeople)}&status=${status(n)}`,
  },
];

interface Sampled {
  readonly latencies: number[];
  readonly statements: number[];
  readonly bytes: number[];
}

/** The naive read: the page of headers, then each order's items, one query per order. */
const naiveRoute = (app: FastifyInstance, client: SqlClient): void => {
  // The app refuses an undocumented route; the comparison route is documented like any other.
  const schema = doc('bench', 'A page of orders, then each order’s items (the naive read)', {
    operationId: 'benchNaiveOrders',
    role: 'auditor',
  });
  app.get('/bench/naive-orders', { schema }, async (request) => {
    const q = request.query as Record<string, string | undefined>;
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of [
      ['status', 'status'],
      ['branchId', 'branch_id'],
      ['customerId', 'customer_id'],
      ['salespersonId', 'salesperson_id'],
    ] as const) {
      const value = q[key];
      if (value !== undefined) where.push(`${column} = $${params.push(value)}`);
    }
    const { rows } = await client.query<
      Record<string, unknown> & { id: string; created_at: Date; updated_at: Date }
    >(
      `select * from orders ${where.length === 0 ? '' : `where ${where.join(' and ')}`} order by created_at desc, id desc limit 51`,
      params,
    );
    const page = rows.slice(0, 50);
    const items = [];
    for (const row of page) {
      const lines = await client.query<Record<string, string>>(
        'select * from order_items where order_id = $1 order by line',
        [row.id],
      );
      items.push({
        id: row.id,
        status: row['status'],
        customer: { id: row['customer_id'], name: row['customer_name'] },
        branchId: row['branch_id'],
        salespersonId: row['salesperson_id'],
        warehouseId: row['warehouse_id'],
        total: row['total'],
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        items: lines.rows.map((l) => ({
          productId: l['product_id'],
          productName: l['product_name'],
          quantity: l['quantity'],
          unitPrice: l['unit_price'],
          lineTotal: l['line_total'],
        })),
      });
    }
    return { items, nextCursor: rows.length > 50 ? (page[page.length - 1]?.id ?? null) : null };
  });
};

const sample = async (app: FastifyInstance, path: string, into: Sampled): Promise<void> => {
  const started = performance.now();
  const response = await app.inject({ method: 'GET', url: path });
  into.latencies.push(performance.now() - started);
  if (response.statusCode !== 200)
    throw new Error(`${path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
  into.statements.push(
    statementsFromHeader(response.headers['server-timing'] as string | undefined) ?? Number.NaN,
  );
  into.bytes.push(response.body.length);
};

const fmt = (n: number, digits = 2): string => n.toFixed(digits).padStart(8);

export const run = async (): Promise<void> => {
  const storage = await openBenchStorage('sales', salesProjections);
  const { client } = storage;
  try {
    await createNaiveTables(client);

    const seeding = createProgress('seed', orders, { unit: ' orders' });
    const seedStarted = performance.now();
    await seedOrders(client, orders, seeding);
    await client.query('analyze order_list');
    await client.query('analyze orders');
    await client.query('analyze order_items');
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    seeding.finish(
      `${Math.round(orders / seedSeconds).toLocaleString('en-US')} orders/s (${Math.round((orders * 7) / seedSeconds).toLocaleString('en-US')} rows/s over the 3 tables, indexes included)`,
    );

    const served = await buildBenchApp(storage, salesProjections);
    const { app } = served;
    naiveRoute(app, client);
    await app.ready();

    const measuring = createProgress('measure', cases.length * requestsPerCase * 2, {
      unit: ' req',
    });
    let done = 0;
    const results: Array<{
      name: string;
      erp: Summary;
      erpStatements: number;
      naive: Summary;
      naiveStatements: number;
      bytes: number;
    }> = [];
    for (const c of cases) {
      const erp: Sampled = { latencies: [], statements: [], bytes: [] };
      const naive: Sampled = { latencies: [], statements: [], bytes: [] };
      const next = random(7);
      // Warm both paths (plans, connections) before measuring.
      for (let i = 0; i < 10; i++) {
        const q = c.query(next);
        await app.inject({ method: 'GET', url: `/v1/orders?${q}` });
        await app.inject({ method: 'GET', url: `/bench/naive-orders?${q}` });
      }
      // Alternate in rounds so load from anything else on the machine falls on both sides alike.
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < requestsPerCase / rounds; i++) {
          const q = c.query(next);
          await sample(app, `/v1/orders?${q}`, erp);
          await sample(app, `/bench/naive-orders?${q}`, naive);
          done += 2;
          measuring.update(done, c.name);
        }
      }
      results.push({
        name: c.name,
        erp: summarize(erp.latencies),
        erpStatements: Math.max(...erp.statements),
        naive: summarize(naive.latencies),
        naiveStatements: Math.max(...naive.statements),
        bytes: Math.round(erp.bytes.reduce((a, b) => a + b, 0) / erp.bytes.length),
      });
    }
    measuring.finish();
    await served.close();

    const out = process.stdout;
    out.write(
      `\nGET /v1/orders, page of 50 × 5 items, ${orders.toLocaleString('en-US')} orders, ${requestsPerCase} requests per case through app.inject (no network, no gzip), PostgreSQL on this machine\n\n`,
    );
    out.write(
      `${'filter'.padEnd(22)}| erpcore median    p99  stmts | naive  median    p99  stmts | naive/erpcore (median)  body KB\n`,
    );
    for (const r of results) {
      out.write(
        `${r.name.padEnd(22)}|${fmt(r.erp.median)}ms${fmt(r.erp.p99)}ms ${String(r.erpStatements).padStart(5)} |${fmt(r.naive.median)}ms${fmt(r.naive.p99)}ms ${String(r.naiveStatements).padStart(5)} | ${fmt(r.naive.median / r.erp.median, 1)}×  ${fmt(r.bytes / 1024, 1)}\n`,
      );
    }
    const max = Math.max(...results.map((r) => r.naive.median));
    out.write(`\nmedian latency (ms), one bar per read\n`);
    for (const r of results) {
      out.write(
        `${r.name.padEnd(22)} erpcore ${bar(r.erp.median, max)} ${r.erp.median.toFixed(2)}\n`,
      );
      out.write(
        `${''.padEnd(22)} naive   ${bar(r.naive.median, max)} ${r.naive.median.toFixed(2)}\n`,
      );
    }
  } finally {
    await storage.close();
  }
};
