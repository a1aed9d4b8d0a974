import { WrongExpectedRevisionError } from '../event-store.js';
import { ConcurrencyError } from './concurrency-error.js';
import { withRetryLanes } from './retry-lanes.js';

/**
 * Hard cap on retries after a lost race. The time budget below is the usual bound; this only
 * stops a loop whose attempts are so fast that the budget alone would allow thousands.
 */
export const defaultMaxRetries = 100;

/**
 * How long lost races are retried: time since the first attempt's start, less the time spent
 * queued in a retry lane behind this process's other retries of the same stream.
 */
export const defaultRetryBudgetMs = 5000;

/** How a command retries after a lost race; every field has a default. */
export interface RetryPolicy {
  /** Stop retrying once this much time (ms, lane queueing not counted) has passed since the first attempt. */
  readonly budgetMs?: number;
  /** First backoff window (ms); it doubles with every retry... */
  readonly baseMs?: number;
  /** ...up to this (ms). */
  readonly capMs?: number;
  /**
   * The scope of the retry lanes (usually the event store): retries of one stream within one
   * scope run one at a time. Without it retries only back off.
   */
  readonly lanes?: object;
  /** For tests: the backoff's random source, the clock and the wait. */
  readonly random?: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Full-jitter exponential backoff before retry `n` (0-based): a uniform wait in
 * [0, min(cap, base·2^n)) ms, so writers that lost the same race do not collide again in step.
 * The cap is small on purpose: with retry lanes and in-process queues the contenders for a stream
 * are about one per process, and a long sleep only hands the stream to the other process's queue.
 */
export const jitteredBackoffMs = (
  n: number,
  random: () => number = Math.random,
  baseMs = 2,
  capMs = 50,
): number => Math.floor(random() * Math.min(capMs, baseMs * 2 ** n));

const sleepMs = (ms: number): Promise<void> =>
  ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (load → decide → append) again whenever it fails with a wrong expected
 * revision: the next attempt reloads and decides on the newer state. Why a time budget with
 * jittered backoff and not a fixed count: a hot stream (`chart-main`, every posting appends to it)
 * written by several processes loses races in proportion to its writers; five quick retries ran
 * out while the stream was merely busy, and 28 of 40 concurrent postings answered 409. Now a
 * retry first waits a random slice of a doubling window, then, with `lanes`, queues behind the
 * other retries of the same stream in this scope (this process), so at most one retry per process
 * races for a stream at a time and losing again is rare. Gives up with a ConcurrencyError when the
 * budget (or `maxRetries`) is spent; every other error passes through. Waiting in the lane does not
 * count against the budget (like the executor's in-process stream queue, which is outside it):
 * a long queue on a busy machine is progress, not a race being lost.
 */
export const retryOnConflict = async <T>(
  streamIds: readonly string[],
  maxRetries: number,
  attempt: () => Promise<T>,
  policy: RetryPolicy = {},
): Promise<T> => {
  const now = policy.now ?? Date.now;
  const sleep = policy.sleep ?? sleepMs;
  const budgetMs = policy.budgetMs ?? defaultRetryBudgetMs;
  const started = now();
  // Time spent queued in a lane is not time lost to races: others are making progress then.
  let queued = 0;
  // The streams that lost a race so far: the retry queues on these (a multi-stream command may
  // lose on a different stream next time; the lanes are then taken afresh, in order).
  const contended = new Set<string>();
  for (let n = 0; ; n++) {
    try {
      if (n === 0 || policy.lanes === undefined) return await attempt();
      const entered = now();
      return await withRetryLanes(policy.lanes, [...contended], () => {
        queued += now() - entered;
        return attempt();
      });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      const elapsed = now() - started - queued;
      if (n >= maxRetries || elapsed >= budgetMs) throw new ConcurrencyError(streamIds, n + 1);
      contended.add(error.streamId);
      const wait = jitteredBackoffMs(n, policy.random, policy.baseMs, policy.capMs);
      await sleep(Math.min(wait, budgetMs - elapsed));
    }
  }
};
