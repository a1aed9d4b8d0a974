/** Order statistics for benchmark samples (latencies in ms, rates). */

/** The value at quantile `q` (0..1) by nearest rank; NaN for no samples. */
export const quantile = (samples: readonly number[], q: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
};

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);
export const p99 = (samples: readonly number[]): number => quantile(samples, 0.99);

export interface Summary {
  readonly count: number;
  readonly min: number;
  readonly median: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export const summarize = (samples: readonly number[]): Summary => ({
  count: samples.length,
  min: samples.length === 0 ? Number.NaN : Math.min(...samples),
  median: median(samples),
  p99: p99(samples),
  max: samples.length === 0 ? Number.NaN : Math.max(...samples),
  mean: samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length,
});
