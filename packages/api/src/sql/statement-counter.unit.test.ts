import { describe, expect, it } from 'vitest';
import { currentStatementTally, withStatementTally } from './statement-counter.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('withStatementTally', () => {
  it('keeps its tally across awaits and drops it once done', async () => {
    const tally = { statements: 0, durationMs: 0 };
    await withStatementTally(tally, async () => {
      await tick();
      expect(currentStatementTally()).toBe(tally);
    });
    await tick();
    expect(currentStatementTally()).toBeUndefined();
  });

  it('leaves an overlapping scope its tally when another one ends first', async () => {
    const first = { statements: 0, durationMs: 0 };
    const second = { statements: 0, durationMs: 0 };
    let endFirst = () => {};
    const a = withStatementTally(first, () => new Promise<void>((r) => (endFirst = r)));
    const b = withStatementTally(second, async () => {
      endFirst();
      await a;
      await tick();
      return currentStatementTally();
    });
    expect(await b).toBe(second);
  });

  it('ends a scope whose function throws', async () => {
    const tally = { statements: 0, durationMs: 0 };
    expect(() =>
      withStatementTally(tally, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    await expect(
      withStatementTally(tally, async () => {
        await tick();
        throw new Error('refused later');
      }),
    ).rejects.toThrow('refused later');
    await tick();
    expect(currentStatementTally()).toBeUndefined();
  });
});
