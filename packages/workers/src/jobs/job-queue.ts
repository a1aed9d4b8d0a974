import type { Page } from '@erpcore/projections';

/** The states a job can be listed in (API.md: `GET /v1/ops/jobs?state=…`). */
export const jobStates = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

/** One job as operators see it. `lastError` is the latest failed attempt's error, if any. */
export interface JobInfo {
  readonly id: string;
  readonly name: string;
  readonly state: JobState;
  /** Attempts finished so far (successful or not). */
  readonly attempts: number;
  readonly lastError: string | null;
  /** The payload as stored (encoded). */
  readonly payload: unknown;
  /** When the job was enqueued, ISO-8601. */
  readonly timestamp: string;
}

/** A job to enqueue: its name, its encoded payload, and the id that makes enqueueing idempotent. */
export interface EnqueueRequest {
  readonly name: string;
  readonly data: unknown;
  /** Deterministic (an event id, a schedule slot): enqueueing the same id again is a no-op. */
  readonly jobId: string;
}

/** What a manual retry found: the API answers 200, 404 and 409 for these. */
export type RetryOutcome = 'retried' | 'not_found' | 'not_failed';

/**
 * The producer side of the background jobs: what the API and the notifier use. Implemented by
 * BullMQ (server mode) and by the in-process runner (embedded); both pass `job-queue.contract.ts`.
 */
export interface JobQueue {
  /** Adds a job with its definition's retry policy; a jobId seen before (and still kept) is a no-op. */
  enqueue(request: EnqueueRequest): Promise<void>;
  /** Jobs in one state, newest first. Throws InvalidCursorError for a cursor it did not hand out. */
  list(
    state: JobState,
    options: { readonly limit: number; readonly cursor?: string | undefined },
  ): Promise<Page<JobInfo>>;
  /** One job, or undefined when unknown (or no longer kept). */
  get(jobId: string): Promise<JobInfo | undefined>;
  /**
   * Moves a failed job back to waiting with a fresh set of attempts (its last error is cleared
   * until the next failure). Only failed jobs: a job still running or retrying already has
   * attempts left, and a completed one must not be sent twice.
   */
  retry(jobId: string): Promise<RetryOutcome>;
  /** Retries every failed job (as `retry`); resolves with how many were moved back. */
  retryAllFailed(): Promise<number>;
  /** Resolves with the job once it is completed or failed for good; rejects after `timeoutMs`. */
  settled(jobId: string, timeoutMs: number): Promise<JobInfo>;
  /** Why the queue's store cannot be used now (readiness), undefined when it can; absent: always usable. */
  problem?(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The consumer side: runs the registered jobs (and the schedules) until closed. */
export interface JobWorkers {
  start(): Promise<void>;
  /** Stops taking jobs, waits for the attempts in flight, closes connections. */
  close(): Promise<void>;
}

/** How long a finished job stays listed, and so how long its jobId deduplicates. */
export interface JobRetention {
  readonly completedAgeSeconds: number;
  readonly failedAgeSeconds: number;
  /** Most finished jobs kept per state, whatever their age (bounds memory and Redis). */
  readonly maxCount: number;
}

/**
 * Completed jobs are kept 7 days: the notifier's replay window after a crash is one batch, far
 * inside it, so a replayed event meets its earlier job and sends nothing twice.
 */
export const defaultRetention: JobRetention = {
  completedAgeSeconds: 7 * 24 * 3600,
  failedAgeSeconds: 30 * 24 * 3600,
  maxCount: 10_000,
};
