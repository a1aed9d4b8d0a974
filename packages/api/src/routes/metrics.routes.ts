import fp from 'fastify-plugin';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { registerHttpRequestMetrics } from '../plugins/http-request-metrics.js';
import { doc } from '../http/route-doc.js';

/** Upper bounds (seconds) of the request-duration histogram: 1 ms to 5 s, the API's range. */
const durationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * `GET /metrics` in Prometheus text: HTTP requests by route and status (count and duration),
 * each projection's position, lag and status, the event store's head position, and the process
 * metrics prom-client collects. One registry per app, so several apps in one process (tests)
 * never share counters. Admin only: the figures reveal business volume; scrape with a key.
 *
 * Registered with fastify-plugin so its response hook sees every route of the app.
 */
export const metricsRoutes = fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const requests = registerHttpRequestMetrics(registry, durationBuckets);
    // Positions are 64-bit; a gauge is a double, exact up to 2^53 (txid ~8.6e9 with 2^20 per transaction).
    new Gauge({
      name: 'erpcore_eventstore_head_position',
      help: 'Global position of the newest event readers can see',
      registers: [registry],
      async collect() {
        this.set(Number(await app.erp.store.headPosition()));
      },
    });
    // Readers held behind an open transaction (see README, "lag"): 0 when nothing holds them.
    new Gauge({
      name: 'erpcore_eventstore_held_back_seconds',
      help: 'How long committed events have been invisible to readers behind an open transaction',
      registers: [registry],
      async collect() {
        this.set((await app.erp.progress.heldBack())?.seconds ?? 0);
      },
    });
    new Gauge({
      name: 'erpcore_eventstore_holding_transaction_seconds',
      help: 'Age of the oldest open writing transaction while it holds readers back',
      registers: [registry],
      async collect() {
        this.set((await app.erp.progress.heldBack())?.holdingTransactionSeconds ?? 0);
      },
    });
    const statuses = async () => app.erp.progress.statuses();
    new Gauge({
      name: 'erpcore_projection_position',
      help: 'Checkpoint (global position) of each projection',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await statuses()) this.set({ projection: s.name }, Number(s.position));
      },
    });
    new Gauge({
      name: 'erpcore_projection_lag_events',
      help: 'Events between a projection checkpoint and the head (exact up to 10,000)',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await statuses()) this.set({ projection: s.name }, s.lagEvents);
      },
    });
    new Gauge({
      name: 'erpcore_projection_lag_seconds',
      help: 'Age of the oldest event a projection has not applied yet',
      labelNames: ['projection'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await statuses()) this.set({ projection: s.name }, s.lagSeconds);
      },
    });
    new Gauge({
      name: 'erpcore_projection_status',
      help: '1 for the status each projection is in (running, idle, failed, stopped, rebuilding)',
      labelNames: ['projection', 'status'],
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of await statuses()) this.set({ projection: s.name, status: s.status }, 1);
      },
    });

    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern, never the raw URL: ids in paths would make a series per id.
      requests.observe(
        request.method,
        request.routeOptions.url ?? 'unmatched',
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
      done();
    });

    app.get(
      '/metrics',
      {
        schema: doc('operations', 'Prometheus metrics (admin)', {
          operationId: 'getMetrics',
          role: 'admin',
          responses: {
            200: {
              content: {
                'text/plain': {
                  schema: { type: 'string', description: 'Prometheus text exposition 0.0.4' },
                },
              },
            },
          },
        }),
        config: { access: 'admin' },
      },
      async (_request, reply) => {
        const text = await registry.metrics();
        return reply.type(registry.contentType).send(text);
      },
    );
  },
  { name: 'erpcore-metrics' },
);
