/**
 * Full-jitter exponential backoff before retry `n` (0-based): a uniform wait in
 * [0, min(cap, base·2^n)) ms, so writers that lost the same race do not collide again in step.
 */
export const jitteredBackoffMs = (
  n: number,
  random: () => number = Math.random,
  baseMs = 2,
  capMs = 100,
): number => Math.floor(random() * Math.min(capMs, baseMs * 2 ** n));

export const sleep = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
