import type { JobInfo, JobRetention, JobState } from '../jobs/job-queue.js';

/** One job held in memory by the in-process runner. */
export interface JobEntry {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
  state: JobState;
  attemptsMade: number;
  lastError: string | null;
  readonly enqueuedAt: number;
  finishedAt: number | null;
  /** The pending retry, while `delayed`. */
  retryTimer: NodeJS.Timeout | null;
}

/** The operator's view of an entry. */
export const entryInfo = (entry: JobEntry): JobInfo => ({
  id: entry.id,
  name: entry.name,
  state: entry.state,
  attempts: entry.attemptsMade,
  lastError: entry.lastError,
  payload: entry.data,
  timestamp: new Date(entry.enqueuedAt).toISOString(),
});

/** Entries in one state, newest first: finished ones by finish time, others by enqueue time. */
export const entriesIn = (entries: Iterable<JobEntry>, state: JobState): JobEntry[] => {
  const sortKey = (e: JobEntry): number => e.finishedAt ?? e.enqueuedAt;
  return [...entries].filter((e) => e.state === state).sort((a, b) => sortKey(b) - sortKey(a));
};

/**
 * Forgets finished jobs past the retention (age, then count per state), as BullMQ's
 * removeOnComplete/removeOnFail do, so memory stays bounded and dedup lasts as long in both runners.
 */
export const pruneFinished = (
  entries: Map<string, JobEntry>,
  retention: JobRetention,
  now: number,
): void => {
  for (const [state, ageSeconds] of [
    ['completed', retention.completedAgeSeconds],
    ['failed', retention.failedAgeSeconds],
  ] as const) {
    const finished = entriesIn(entries.values(), state);
    for (const [index, entry] of finished.entries()) {
      const tooOld = now - (entry.finishedAt ?? now) > ageSeconds * 1000;
      if (tooOld || index >= retention.maxCount) entries.delete(entry.id);
    }
  }
};
