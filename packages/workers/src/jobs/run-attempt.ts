import type { EngineLogger } from '@erpcore/projections';
import type { RunnableJob } from './job-definition.js';
import { JobTimeoutError } from './job-errors.js';

/** One attempt's identity, as both runners know it. */
export interface AttemptInfo {
  readonly jobId: string;
  readonly attempt: number;
  readonly logger: EngineLogger;
}

/**
 * Runs one attempt under the job's timeout. Both runners call this, so decoding, the timeout and
 * the abort signal behave the same with BullMQ and in process. On timeout the handler's signal is
 * aborted (an HTTP call stops) and the attempt fails at once, whether or not the handler listens.
 */
export const runAttempt = async (
  job: RunnableJob,
  data: unknown,
  info: AttemptInfo,
): Promise<void> => {
  const controller = new AbortController();
  const timeout = new JobTimeoutError(job.name, job.policy.timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort(timeout);
      reject(timeout);
    }, job.policy.timeoutMs);
  });
  try {
    const running = job.run(data, {
      jobId: info.jobId,
      attempt: info.attempt,
      signal: controller.signal,
      logger: info.logger,
    });
    // The losing promise must not surface as an unhandled rejection.
    running.catch(() => undefined);
    await Promise.race([running, timedOut]);
  } finally {
    clearTimeout(timer);
  }
};
