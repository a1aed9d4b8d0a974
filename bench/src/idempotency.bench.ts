/**
 * `npm run bench -- idempotency`: a command the domain refuses (an issue larger than the stock)
 * on one stock stream of 20,000 events, sent through the Fastify app with and without an
 * `Idempotency-Key`, interleaved request by request in the same run. With a key, the refusal
 * looks up the events an identical earlier request would have written by their derived ids (one
 * indexed lookup before deciding, one after the refusal) instead of reading the stream.
 */
import { catalogProjections, inventoryProjections } from '@erpcore/projections';
import { buildBenchApp } from './bench-app.js';
import { openBenchStorage } from './bench-schema.js';
import { seedHotStream } from './hot-stock-stream.js';
import { createProgress } from './progress.js';
import { summarize } from './stats.js';

const hotEvents = Number(process.env['BENCH_HOT_EVENTS'] ?? 20_000);
const requests = Number(process.env['BENCH_REQUESTS'] ?? 300);

const ms = (n: number): string => `${n.toFixed(2).padStart(7)}ms`;

export const run = async (): Promise<void> => {
  const projections = [...catalogProjections, ...inventoryProjections];
  const storage = await openBenchStorage('idempotency', projections);
  const out = process.stdout;
  try {
    const served = await buildBenchApp(storage, projections, { rateLimitMax: 1_000_000 });
    const { app } = served;
    await app.ready();
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url, payload: body as object, headers });
    for (const [url, body] of [
      ['/v1/products', { id: 'HOT', name: 'Hot', unit: 'pcs' }],
      ['/v1/warehouses', { id: 'W1', name: 'One' }],
    ] as const) {
      const answer = await post(url, body);
      if (answer.statusCode !== 201) throw new Error(`${url}: ${answer.statusCode} ${answer.body}`);
    }
    await seedHotStream(storage.store, 'HOT', 'W1', hotEvents);

    // More than is on hand: refused with 422 insufficient_stock every time, nothing written.
    const issue = { productId: 'HOT', warehouseId: 'W1', quantity: String(hotEvents + 1) };
    const refuse = async (headers: Record<string, string>, into: number[]) => {
      const started = performance.now();
      const answer = await post('/v1/stock/issues', issue, headers);
      into.push(performance.now() - started);
      if (answer.statusCode !== 422) throw new Error(`expected 422: ${answer.body.slice(0, 200)}`);
    };
    const withKey: number[] = [];
    const withoutKey: number[] = [];
    // Warm plans, connections and the JIT on both paths.
    for (let i = 0; i < 20; i++) {
      await refuse({ 'idempotency-key': `warm-${i}` }, []);
      await refuse({}, []);
    }
    const progress = createProgress('measure', requests * 2, { unit: ' req' });
    for (let i = 0; i < requests; i++) {
      await refuse({ 'idempotency-key': `key-${i}` }, withKey);
      await refuse({}, withoutKey);
      progress.update((i + 1) * 2);
    }
    progress.finish();
    await served.close();

    const keyed = summarize(withKey);
    const plain = summarize(withoutKey);
    out.write(
      `\nrefused POST /v1/stock/issues on one stock stream of ${hotEvents.toLocaleString('en-US')} events, ${requests} requests each,\n`,
    );
    out.write(
      'interleaved request by request, app.inject (in-process), PostgreSQL on this machine\n',
    );
    out.write(`  with Idempotency-Key     median ${ms(keyed.median)}  p99 ${ms(keyed.p99)}\n`);
    out.write(`  without a key            median ${ms(plain.median)}  p99 ${ms(plain.p99)}\n`);
    out.write(
      `  ratio with/without key   median ${(keyed.median / plain.median).toFixed(2)}×, p99 ${(keyed.p99 / plain.p99).toFixed(2)}× (target ≤ 2×)\n`,
    );
  } finally {
    await storage.close();
  }
};
