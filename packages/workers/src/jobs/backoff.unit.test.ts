import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoffDelayMs', () => {
  it('doubles per failed attempt without jitter', () => {
    const backoff = { delayMs: 1000, jitter: 0 };
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(backoff, n))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('keeps a jittered delay within the top jitter fraction of the exponential delay', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 0.9999, noNaN: true }),
        (delayMs, jitter, attemptsMade, r) => {
          const max = Math.round(2 ** (attemptsMade - 1) * delayMs);
          const delay = backoffDelayMs({ delayMs, jitter }, attemptsMade, () => r);
          expect(delay).toBeLessThanOrEqual(max);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(max * (1 - jitter)));
        },
      ),
    );
  });
});
