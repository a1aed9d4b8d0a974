/**
 * CPU per read, in one process, no network: the erpcore app and a bare Fastify app running the
 * same SQL (floor-server's), both driven by `app.inject` over random products, sequentially.
 * `process.cpuUsage()` over N requests each, the two alternating, so machine load hits both alike.
 * A profiling aid: `node --cpu-prof --conditions=source --import tsx bench/src/http/inject-cpu.ts`.
 * Env: BENCH_PRODUCTS (default 2000), BENCH_CPU_REQUESTS (default 2000), BENCH_CPU_ONLY=erpcore|floor.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { catalogProjections, inventoryProjections } from '@erpcore/projections';
import { buildBenchApp } from '../bench-app.js';
import { openBenchStorage } from '../bench-schema.js';
import { productId, seedInventory } from '../inventory-seed.js';
import { createProgress } from '../progress.js';
import { random } from '../sales-seed.js';
import { stockSql, stockAnswer, type StockRow } from './floor-stock.js';

const products = Number(process.env['BENCH_PRODUCTS'] ?? 2000);
const requests = Number(process.env['BENCH_CPU_REQUESTS'] ?? 2000);
const only = process.env['BENCH_CPU_ONLY'];
const rounds = Number(process.env['BENCH_CPU_ROUNDS'] ?? 5);

const cpuPerRequest = async (app: FastifyInstance, n: number): Promise<number> => {
  const next = random(7);
  const before = process.cpuUsage();
  for (let i = 0; i < n; i += 1) {
    const response = await app.inject({
      method: 'GET',
      url: `/v1/products/${productId(Math.floor(next() * products))}/stock`,
    });
    if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / n;
};

const storage = await openBenchStorage('inject_cpu', [
  ...catalogProjections,
  ...inventoryProjections,
]);
const pool = new pg.Pool({ connectionString: storage.url, max: 10 });
try {
  await seedInventory(storage.client, products, 20, createProgress('seed', products));
  const erp = await buildBenchApp(storage, [...catalogProjections, ...inventoryProjections], {
    rateLimitMax: 10_000_000,
  });
  await erp.app.ready();
  const floor = Fastify({ logger: false });
  floor.get<{ Params: { id: string } }>('/v1/products/:id/stock', async (request, reply) => {
    const { rows } = await pool.query<StockRow>(stockSql, [request.params.id]);
    const row = rows[0];
    return row === undefined
      ? reply.code(404).send({ error: { code: 'not_found' } })
      : stockAnswer(row);
  });
  await floor.ready();
  // A fair floor answers the same bytes.
  for (const i of [0, 1, Math.floor(products / 2)]) {
    const url = `/v1/products/${productId(i)}/stock`;
    const [a, b] = await Promise.all([erp.app.inject(url), floor.inject(url)]);
    if (a.body !== b.body) throw new Error(`${url}: erpcore ${a.body} floor ${b.body}`);
  }
  await cpuPerRequest(erp.app, 300);
  await cpuPerRequest(floor, 300);
  const e: number[] = [];
  const f: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (only !== 'floor') e.push(await cpuPerRequest(erp.app, requests));
    if (only !== 'erpcore') f.push(await cpuPerRequest(floor, requests));
  }
  // The least of the rounds: on a loaded machine other processes only ever add to a round's CPU.
  const least = (xs: number[]) => Math.min(...xs);
  process.stdout.write(
    `CPU µs per stock read (inject, in-process, least of ${rounds} rounds of ${requests}): erpcore ${least(e).toFixed(0)} [${e.map((x) => x.toFixed(0)).join(', ')}], bare Fastify same SQL ${least(f).toFixed(0)} [${f.map((x) => x.toFixed(0)).join(', ')}], ratio ${(least(e) / least(f)).toFixed(2)}×\n`,
  );
  await erp.close();
  await floor.close();
} finally {
  await pool.end();
  await storage.close();
}
