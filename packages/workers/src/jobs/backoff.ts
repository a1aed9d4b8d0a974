import type { RetryPolicy } from './job-definition.js';

/**
 * The wait before the retry that follows `attemptsMade` failed attempts: `delay · 2^(n-1)`, with
 * the top `jitter` fraction randomised so retries of many jobs do not arrive together. The same
 * formula as BullMQ's built-in `exponential` strategy, so both runners space retries alike.
 */
export const backoffDelayMs = (
  backoff: RetryPolicy['backoff'],
  attemptsMade: number,
  random: () => number = Math.random,
): number => {
  const max = Math.round(2 ** (attemptsMade - 1) * backoff.delayMs);
  if (backoff.jitter <= 0) return max;
  const min = max * (1 - backoff.jitter);
  return Math.floor(random() * max * backoff.jitter + min);
};
