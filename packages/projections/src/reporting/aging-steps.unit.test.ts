import { describe, expect, it } from 'vitest';
import {
  agingStepsFrom,
  dayNumber,
  dayText,
  stepDifference,
  withMovement,
  zeroBuckets,
} from './aging-steps.js';

const d = dayNumber('2026-01-01');

describe('aging steps', () => {
  it('ages a document through the buckets, and a payment settles it', () => {
    const charged = withMovement([], d, 100n, 0n);
    expect(agingStepsFrom(charged, d, zeroBuckets)).toEqual([
      { day: d, buckets: [100n, 0n, 0n, 0n] },
      { day: d + 31, buckets: [0n, 100n, 0n, 0n] },
      { day: d + 61, buckets: [0n, 0n, 100n, 0n] },
      { day: d + 91, buckets: [0n, 0n, 0n, 100n] },
    ]);
    const paid = withMovement(charged, d + 40, 0n, 30n);
    expect(agingStepsFrom(paid, d + 40, [0n, 100n, 0n, 0n])).toEqual([
      { day: d + 40, buckets: [0n, 70n, 0n, 0n] },
      { day: d + 61, buckets: [0n, 0n, 70n, 0n] },
      { day: d + 91, buckets: [0n, 0n, 0n, 70n] },
    ]);
  });

  it('a back-dated movement moves every later day; the difference holds until it changes', () => {
    const totals = withMovement(withMovement([], d + 10, 50n, 0n), d, 20n, 0n);
    expect(totals.map((t) => [dayText(t.day), t.charged])).toEqual([
      ['2026-01-01', 20n],
      ['2026-01-11', 70n],
    ]);
    const before = [{ day: d, buckets: [5n, 0n, 0n, 0n] as const }];
    const after = [{ day: d, buckets: [7n, 1n, 0n, 0n] as const }];
    expect(stepDifference(before, after, zeroBuckets)).toEqual([
      { day: d, buckets: [2n, 1n, 0n, 0n] },
    ]);
    expect(stepDifference(before, before, zeroBuckets)).toEqual([]);
  });
});
