import type { JobDefinition } from './job-definition.js';
import type { JobQueue } from './job-queue.js';

/** Enqueues a typed job: encodes the payload with the job's codec, then `queue.enqueue`. */
export const enqueueJob = <P>(
  queue: JobQueue,
  job: JobDefinition<P>,
  payload: P,
  options: { readonly jobId: string },
): Promise<void> =>
  queue.enqueue({ name: job.name, data: job.encode(payload), jobId: options.jobId });
