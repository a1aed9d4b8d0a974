import type { Job, JobState as BullState } from 'bullmq';
import type { JobInfo, JobState } from '../jobs/job-queue.js';

/** BullMQ's states folded into ours: priority and parent-waiting are just "waiting" here. */
export const fromBullState = (state: BullState | 'unknown'): JobState | undefined => {
  switch (state) {
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'active':
    case 'delayed':
    case 'completed':
    case 'failed':
      return state;
    default:
      return undefined;
  }
};

/** A BullMQ job as operators see it. */
export const bullJobInfo = (job: Job, state: JobState): JobInfo => ({
  id: job.id ?? '',
  name: job.name,
  state,
  attempts: job.attemptsMade,
  // BullMQ leaves failedReason empty or undefined until an attempt fails.
  lastError: job.failedReason === undefined || job.failedReason === '' ? null : job.failedReason,
  payload: job.data,
  timestamp: new Date(job.timestamp).toISOString(),
});
