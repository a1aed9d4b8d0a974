import type { Metric, Registry } from 'prom-client';

type Labels = { readonly method: string; readonly route: string; readonly status: string };

interface Series {
  readonly labels: Labels;
  count: number;
  sum: number;
  /** Observations per bucket, not cumulative; the last slot holds those above every bound. */
  readonly counts: number[];
}

/** Answered HTTP requests by method, route pattern and status: a counter and a histogram. */
export interface HttpRequestMetrics {
  observe(method: string, route: string, status: number, seconds: number): void;
}

/**
 * `erpcore_http_requests_total` and `erpcore_http_request_duration_seconds`, in the text
 * prom-client's Counter and Histogram write, but observed for a fraction of their cost: a
 * request finds its series by one string key and bumps two numbers and a bucket (prom-client
 * allocates a label object, validates and hashes it, per metric, per request). The cumulative
 * buckets are worked out when scraped.
 */
export const registerHttpRequestMetrics = (
  registry: Registry,
  bounds: readonly number[],
): HttpRequestMetrics => {
  const series = new Map<string, Series>();
  const counterName = 'erpcore_http_requests_total';
  const histogramName = 'erpcore_http_request_duration_seconds';
  const counter = {
    name: counterName,
    help: 'HTTP requests answered, by method, route pattern and status',
    type: 'counter',
    aggregator: 'sum',
    get: async () => ({
      ...counter,
      values: [...series.values()].map((s) => ({ value: s.count, labels: s.labels })),
    }),
    reset: () => series.clear(),
  };
  const histogram = {
    name: histogramName,
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    type: 'histogram',
    aggregator: 'sum',
    get: async () => ({
      ...histogram,
      values: [...series.values()].flatMap((s) => {
        let below = 0;
        return [
          ...bounds.map((le, i) => {
            below += s.counts[i] ?? 0;
            return {
              value: below,
              labels: { le, ...s.labels },
              metricName: `${histogramName}_bucket`,
            };
          }),
          {
            value: s.count,
            labels: { le: '+Inf', ...s.labels },
            metricName: `${histogramName}_bucket`,
          },
          { value: s.sum, labels: s.labels, metricName: `${histogramName}_sum` },
          { value: s.count, labels: s.labels, metricName: `${histogramName}_count` },
        ];
      }),
    }),
    reset: () => series.clear(),
  };
  // The registry only reads name, get() and reset(); prom-client types a metric as its own classes.
  registry.registerMetric(counter as unknown as Metric);
  registry.registerMetric(histogram as unknown as Metric);
  return {
    observe: (method, route, status, seconds) => {
      const key = `${method} ${status} ${route}`;
      let s = series.get(key);
      if (s === undefined) {
        s = {
          labels: { method, route, status: String(status) },
          count: 0,
          sum: 0,
          counts: new Array<number>(bounds.length + 1).fill(0),
        };
        series.set(key, s);
      }
      s.count += 1;
      s.sum += seconds;
      let i = 0;
      while (i < bounds.length && seconds > (bounds[i] ?? Infinity)) i += 1;
      s.counts[i] = (s.counts[i] ?? 0) + 1;
    },
  };
};
