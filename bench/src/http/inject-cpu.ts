/**
 * CPU per read, in one process, no network: the erpcore app and a bare Fastify app running the
 * same SQL (floor-stock.ts, floor-reads.ts), both driven by `app.inject`, sequentially, for a
 * product's stock, an account and a branch's page of orders. Both must answer the same bytes.
 * `process.cpuUsage()` over N requests each, the two alternating, so machine load hits both alike.
 * A profiling aid: `node --cpu-prof --conditions=source --import tsx bench/src/http/inject-cpu.ts`.
 * Env: BENCH_PRODUCTS (default 2000), BENCH_CPU_REQUESTS (default 2000), BENCH_CPU_ROUNDS
 * (default 5), BENCH_CPU_ONLY=erpcore|floor, BENCH_CPU_READS (default stock,account,orders).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildBenchApp } from '../bench-app.js';
import { openBenchStorage } from '../bench-schema.js';
import { random } from '../sales-seed.js';
import { readPaths, readProjections, seedReads } from './read-seed.js';
import { stockSql, stockAnswer, type StockRow } from './floor-stock.js';
import { addFloorReads } from './floor-reads.js';

const products = Number(process.env['BENCH_PRODUCTS'] ?? 2000);
const requests = Number(process.env['BENCH_CPU_REQUESTS'] ?? 2000);
const only = process.env['BENCH_CPU_ONLY'];
const rounds = Number(process.env['BENCH_CPU_ROUNDS'] ?? 5);
const reads = (process.env['BENCH_CPU_READS'] ?? 'stock,account,orders').split(',');
const size = { products, warehouses: 20, orders: 5000, accounts: 1000 };
const urls: Record<string, (pick: number) => string> = readPaths(size);

const cpuPerRequest = async (
  app: FastifyInstance,
  url: (pick: number) => string,
  n: number,
): Promise<number> => {
  const next = random(7);
  const before = process.cpuUsage();
  for (let i = 0; i < n; i += 1) {
    const response = await app.inject({ method: 'GET', url: url(next()) });
    if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
};

const projections = readProjections;
const storage = await openBenchStorage('inject_cpu', projections);
const pool = new pg.Pool({ connectionString: storage.url, max: 10 });
try {
  await seedReads(storage.client, size);
  const erp = await buildBenchApp(storage, projections, { rateLimitMax: 10_000_000 });
  await erp.app.ready();
  const floor = Fastify({ logger: false });
  floor.get<{ Params: { id: string } }>('/v1/products/:id/stock', async (request, reply) => {
    const { rows } = await pool.query<StockRow>({
      name: 'floor_stock',
      text: stockSql,
      values: [request.params.id],
    });
    const row = rows[0];
    return row === undefined
      ? reply.code(404).send({ error: { code: 'not_found' } })
      : stockAnswer(row);
  });
  addFloorReads(floor, pool);
  await floor.ready();
  const lines: string[] = [];
  for (const read of reads) {
    const url = urls[read];
    if (url === undefined) throw new Error(`BENCH_CPU_READS: no read ${read}`);
    // A fair floor answers the same bytes.
    for (const pick of [0, 0.5, 0.99]) {
      const [a, b] = await Promise.all([erp.app.inject(url(pick)), floor.inject(url(pick))]);
      if (a.body !== b.body) throw new Error(`${url(pick)}: erpcore ${a.body} floor ${b.body}`);
    }
    await cpuPerRequest(erp.app, url, 300);
    await cpuPerRequest(floor, url, 300);
    const e: number[] = [];
    const f: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      if (only !== 'floor') e.push(await cpuPerRequest(erp.app, url, requests));
      if (only !== 'erpcore') f.push(await cpuPerRequest(floor, url, requests));
    }
    // The least of the rounds: on a loaded machine other processes only ever add to a round's CPU.
    const least = (xs: number[]) => Math.min(...xs);
    lines.push(
      `${read.padEnd(8)} erpcore ${least(e).toFixed(0)} [${e.map((x) => x.toFixed(0)).join(', ')}], bare Fastify same SQL ${least(f).toFixed(0)} [${f.map((x) => x.toFixed(0)).join(', ')}], ratio ${(least(e) / least(f)).toFixed(2)}×`,
    );
  }
  process.stdout.write(
    `CPU µs per read (inject, in-process, least of ${rounds} rounds of ${requests}):\n${lines.join('\n')}\n`,
  );
  await erp.close();
  await floor.close();
} finally {
  await pool.end();
  await storage.close();
}
