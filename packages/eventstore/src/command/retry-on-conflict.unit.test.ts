import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../event-store.js';
import { ConcurrencyError } from './concurrency-error.js';
import { jitteredBackoffMs, retryOnConflict } from './retry-on-conflict.js';

const lost = (streamId = 's') => new WrongExpectedRevisionError(streamId, 0n, 1n);

describe('retryOnConflict', () => {
  it('backs off with full jitter in a doubling window up to the cap', () => {
    expect([0, 1, 2, 3].map((n) => jitteredBackoffMs(n, () => 0.999, 2, 10))).toEqual([1, 3, 7, 9]);
    expect(jitteredBackoffMs(30, () => 0, 2, 10)).toBe(0);
  });

  it('retries lost races until the time budget is spent, not a fixed count', async () => {
    let clock = 0;
    const waits: number[] = [];
    let attempts = 0;
    const error: unknown = await retryOnConflict(
      ['s'],
      1000,
      () => {
        attempts++;
        clock += 100; // every attempt takes 100 ms
        return Promise.reject(lost());
      },
      {
        budgetMs: 1000,
        capMs: 1000,
        random: () => 0.5,
        now: () => clock,
        sleep: (ms) => {
          waits.push(ms);
          clock += ms;
          return Promise.resolve();
        },
      },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((error as ConcurrencyError).attempts).toBe(attempts);
    // 100 ms attempts and waits of 1, 2, 4, … ms; the last wait is cut to the 73 ms left of the
    // budget, and the attempt after it ends past 1 s: nine attempts, no more.
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 73]);
    expect(attempts).toBe(9);
  });

  it('still stops at maxRetries, and lets every other error through at once', async () => {
    let attempts = 0;
    const capped = retryOnConflict(['s'], 2, () => {
      attempts++;
      return Promise.reject(lost());
    });
    await expect(capped).rejects.toBeInstanceOf(ConcurrencyError);
    expect(attempts).toBe(3);
    const boom = new Error('boom');
    await expect(retryOnConflict(['s'], 5, () => Promise.reject(boom))).rejects.toBe(boom);
  });

  it('queues the retries of one stream in a lane: one at a time per scope', async () => {
    // Six commands lose their first race at once; how many of their retries overlap?
    const overlap = async (lanes: object | undefined) => {
      let retrying = 0;
      let most = 0;
      const run = (i: number) => {
        let n = 0;
        return retryOnConflict(
          ['hot'],
          10,
          async () => {
            if (n++ === 0) throw lost('hot');
            retrying++;
            most = Math.max(most, retrying);
            await new Promise((resolve) => setTimeout(resolve, 2));
            retrying--;
            return i;
          },
          { ...(lanes === undefined ? {} : { lanes }), random: () => 0 },
        );
      };
      expect(await Promise.all([0, 1, 2, 3, 4, 5].map(run))).toEqual([0, 1, 2, 3, 4, 5]);
      return most;
    };
    expect(await overlap({})).toBe(1);
    expect(await overlap(undefined)).toBe(6);
  });

  it('does not count time queued in a lane against the budget', async () => {
    const lanes = {};
    let clock = 0; // a fake clock: each retry takes 30 ms of it, nothing else does
    // Five commands lose at once, and their first retries (one at a time in the lane) lose
    // again: the last one has queued 120 ms behind the others when it loses — longer than the
    // 50 ms budget — and still retries, as only its own 30 ms count.
    const run = (i: number) => {
      let n = 0;
      return retryOnConflict(
        ['hot'],
        10,
        async () => {
          if (n === 0) {
            n++;
            throw lost('hot');
          }
          clock += 30;
          await new Promise((resolve) => setImmediate(resolve));
          if (n++ === 1) throw lost('hot');
          return i;
        },
        { lanes, budgetMs: 50, random: () => 0, now: () => clock, sleep: () => Promise.resolve() },
      );
    };
    expect(await Promise.all([0, 1, 2, 3, 4].map(run))).toEqual([0, 1, 2, 3, 4]);
    expect(clock).toBe(300);
  });
});
