import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceGroups } from './balance-groups.js';

const totals = (groups: number[][]): number[] => groups.map((g) => g.reduce((a, b) => a + b, 0));

describe('balanceGroups', () => {
  it('deals the costliest first, each to the lightest group (dealt in turn: 30, 21, 12)', () => {
    const groups = balanceGroups([8, 20, 7, 12, 1, 5, 10], (c) => c, 3);
    expect(totals(groups).sort((a, b) => a - b)).toEqual([20, 20, 23]);
  });

  it('puts every item in exactly one of at most `count` non-empty groups', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 100 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (costs, count) => {
          const items = costs.map((cost, id) => ({ id, cost }));
          const groups = balanceGroups(items, (i) => i.cost, count);
          expect(groups.length).toBe(Math.min(count, items.length));
          expect(groups.every((g) => g.length > 0)).toBe(true);
          expect(
            groups
              .flat()
              .map((i) => i.id)
              .sort((a, b) => a - b),
          ).toEqual(items.map((i) => i.id));
          // No group exceeds the lightest by more than its own lightest item (the greedy bound).
          const sums = groups.map((g) => g.reduce((s, i) => s + i.cost, 0));
          const lightest = Math.min(...sums);
          groups.forEach((g, k) => {
            if (g.length > 1)
              expect(sums[k]! - lightest).toBeLessThanOrEqual(Math.min(...g.map((i) => i.cost)));
          });
        },
      ),
    );
  });
});
