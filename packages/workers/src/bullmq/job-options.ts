import type { JobsOptions } from 'bullmq';
import type { RetryPolicy } from '../jobs/job-definition.js';
import type { JobRetention } from '../jobs/job-queue.js';

/** The retry policy and retention as BullMQ job options (STYLE.md: policy lives in job options). */
export const bullmqJobOptions = (policy: RetryPolicy, retention: JobRetention): JobsOptions => ({
  attempts: policy.attempts,
  backoff: { type: 'exponential', delay: policy.backoff.delayMs, jitter: policy.backoff.jitter },
  removeOnComplete: { age: retention.completedAgeSeconds, count: retention.maxCount },
  removeOnFail: { age: retention.failedAgeSeconds, count: retention.maxCount },
});
