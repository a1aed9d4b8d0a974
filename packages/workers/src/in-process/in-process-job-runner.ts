import type { EngineLogger } from '@erpcore/projections';
import { silentLogger } from '../jobs/silent-logger.js';
import { backoffDelayMs } from '../jobs/backoff.js';
import type { RunnableJob } from '../jobs/job-definition.js';
import { failureMessage, isUnrecoverable } from '../jobs/job-errors.js';
import {
  defaultRetention,
  type JobQueue,
  type JobRetention,
  type JobWorkers,
  type JobInfo,
} from '../jobs/job-queue.js';
import { createJobRegistry } from '../jobs/job-registry.js';
import type { JobSchedule } from '../jobs/job-schedule.js';
import { decodeOffsetCursor, offsetPage } from '../jobs/list-cursor.js';
import { runAttempt } from '../jobs/run-attempt.js';
import { scheduleSlotJobId } from '../jobs/schedule-slot.js';
import { entriesIn, entryInfo, pruneFinished, type JobEntry } from './job-entry.js';

export interface InProcessJobRunnerOptions {
  readonly jobs: readonly RunnableJob[];
  readonly schedules?: readonly JobSchedule[];
  /** Attempts run at once (default 4). */
  readonly concurrency?: number;
  readonly retention?: JobRetention;
  readonly logger?: EngineLogger;
}

/** Queue and workers in one object: embedded mode has one process, so one runner does both. */
export interface InProcessJobRunner extends JobQueue, JobWorkers {}

/**
 * The embedded runner: BullMQ's semantics without Redis — attempts, exponential backoff with
 * jitter, a per-attempt timeout, UnrecoverableError stops retrying, a known jobId is a no-op,
 * finished jobs are kept (and listed) per the retention. Jobs live in memory: a job still waiting
 * or between retries when the process exits is lost (see README, storage modes).
 */
export const createInProcessJobRunner = (
  options: InProcessJobRunnerOptions,
): InProcessJobRunner => {
  const registry = createJobRegistry(options.jobs);
  const concurrency = options.concurrency ?? 4;
  const retention = options.retention ?? defaultRetention;
  const logger = options.logger ?? silentLogger;
  const entries = new Map<string, JobEntry>();
  const ready: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const settledWaiters = new Map<string, Set<(info: JobInfo) => void>>();
  const intervals: NodeJS.Timeout[] = [];
  let started = false;
  let closing = false;

  const settle = (entry: JobEntry): void => {
    entry.finishedAt = Date.now();
    pruneFinished(entries, retention, entry.finishedAt);
    const waiters = settledWaiters.get(entry.id);
    settledWaiters.delete(entry.id);
    for (const wake of waiters ?? []) wake(entryInfo(entry));
  };

  const attempt = async (entry: JobEntry): Promise<void> => {
    const job = registry.get(entry.name);
    entry.state = 'active';
    try {
      await runAttempt(job, entry.data, {
        jobId: entry.id,
        attempt: entry.attemptsMade + 1,
        logger,
      });
      entry.attemptsMade += 1;
      entry.state = 'completed';
      settle(entry);
    } catch (error) {
      entry.attemptsMade += 1;
      entry.lastError = failureMessage(error);
      // While closing, a retry would have nowhere to run: the failure is final.
      if (isUnrecoverable(error) || entry.attemptsMade >= job.policy.attempts || closing) {
        entry.state = 'failed';
        logger.warn(
          { job: entry.name, jobId: entry.id, attempts: entry.attemptsMade, err: entry.lastError },
          'job failed',
        );
        settle(entry);
        return;
      }
      entry.state = 'delayed';
      entry.retryTimer = setTimeout(
        () => {
          entry.retryTimer = null;
          entry.state = 'waiting';
          ready.push(entry.id);
          pump();
        },
        backoffDelayMs(job.policy.backoff, entry.attemptsMade),
      );
    }
  };

  const pump = (): void => {
    while (started && !closing && inFlight.size < concurrency) {
      const id = ready.shift();
      if (id === undefined) return;
      const entry = entries.get(id);
      if (entry === undefined) continue;
      const running: Promise<void> = attempt(entry).finally(() => {
        inFlight.delete(running);
        pump();
      });
      inFlight.add(running);
    }
  };

  const enqueue: JobQueue['enqueue'] = async ({ name, data, jobId }) => {
    if (closing) throw new Error('job runner is closed');
    registry.get(name);
    if (entries.has(jobId)) return;
    entries.set(jobId, {
      id: jobId,
      name,
      data,
      state: 'waiting',
      attemptsMade: 0,
      lastError: null,
      enqueuedAt: Date.now(),
      finishedAt: null,
      retryTimer: null,
    });
    ready.push(jobId);
    pump();
  };

  const retry: JobQueue['retry'] = async (jobId) => {
    const entry = entries.get(jobId);
    if (entry === undefined) return 'not_found';
    if (entry.state !== 'failed') return 'not_failed';
    if (closing) throw new Error('job runner is closed');
    // A fresh set of attempts, as BullMQ's retry with resetAttemptsMade.
    entry.state = 'waiting';
    entry.attemptsMade = 0;
    entry.lastError = null;
    entry.finishedAt = null;
    ready.push(entry.id);
    pump();
    return 'retried';
  };

  return {
    enqueue,
    retry,
    retryAllFailed: async () => {
      let moved = 0;
      for (const entry of entriesIn(entries.values(), 'failed'))
        if ((await retry(entry.id)) === 'retried') moved += 1;
      return moved;
    },
    list: async (state, { limit, cursor }) => {
      const offset = decodeOffsetCursor(cursor);
      const rows = entriesIn(entries.values(), state).slice(offset, offset + limit + 1);
      return offsetPage(rows.map(entryInfo), offset, limit);
    },
    get: async (jobId) => {
      const entry = entries.get(jobId);
      return entry === undefined ? undefined : entryInfo(entry);
    },
    settled: (jobId, timeoutMs) =>
      new Promise<JobInfo>((resolve, reject) => {
        const entry = entries.get(jobId);
        if (entry === undefined) return reject(new Error(`no job ${jobId}`));
        if (entry.state === 'completed' || entry.state === 'failed')
          return resolve(entryInfo(entry));
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`job ${jobId} did not settle within ${timeoutMs} ms`));
        }, timeoutMs);
        const wake = (info: JobInfo): void => {
          clearTimeout(timer);
          resolve(info);
        };
        const waiters = settledWaiters.get(jobId) ?? new Set();
        waiters.add(wake);
        settledWaiters.set(jobId, waiters);
      }),
    start: async () => {
      if (started || closing) return;
      started = true;
      for (const schedule of options.schedules ?? []) {
        const tick = (): void => {
          const jobId = scheduleSlotJobId(schedule, Date.now());
          enqueue({ name: schedule.name, data: schedule.data, jobId }).catch((error: unknown) =>
            logger.warn(
              { schedule: schedule.id, err: failureMessage(error) },
              'cannot enqueue scheduled job',
            ),
          );
        };
        // Once now, as a BullMQ job scheduler with `every` does, then every `everyMs`.
        tick();
        const interval = setInterval(tick, schedule.everyMs);
        interval.unref();
        intervals.push(interval);
      }
      pump();
    },
    close: async () => {
      closing = true;
      for (const interval of intervals.splice(0)) clearInterval(interval);
      // Retries not yet due are dropped: they would have nowhere to run once the process exits.
      for (const entry of entries.values()) {
        if (entry.retryTimer !== null) clearTimeout(entry.retryTimer);
        entry.retryTimer = null;
      }
      await Promise.all(inFlight);
    },
  };
};
