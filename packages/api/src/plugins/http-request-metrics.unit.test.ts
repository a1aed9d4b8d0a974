import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerHttpRequestMetrics } from './http-request-metrics.js';

const bounds = [0.001, 0.01, 0.1, 1];
const answered = [
  ['GET', '/v1/accounts/:id', 200, 0.0004],
  ['GET', '/v1/accounts/:id', 200, 0.001],
  ['GET', '/v1/accounts/:id', 404, 0.02],
  ['POST', '/v1/orders', 201, 0.3],
  ['GET', 'unmatched', 404, 7],
  ['GET', '/v1/accounts/:id', 200, 0.05],
] as const;

describe('registerHttpRequestMetrics', () => {
  it("writes what prom-client's Counter and Histogram write for the same requests", async () => {
    const theirs = new Registry();
    const labelNames = ['method', 'route', 'status'] as const;
    const counter = new Counter({
      name: 'erpcore_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames,
      registers: [theirs],
    });
    const histogram = new Histogram({
      name: 'erpcore_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status',
      labelNames,
      buckets: bounds,
      registers: [theirs],
    });
    const ours = new Registry();
    const metrics = registerHttpRequestMetrics(ours, bounds);
    for (const [method, route, status, seconds] of answered) {
      const labels = { method, route, status: String(status) };
      counter.inc(labels);
      histogram.observe(labels, seconds);
      metrics.observe(method, route, status, seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    ours.resetMetrics();
    theirs.resetMetrics();
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });
});
