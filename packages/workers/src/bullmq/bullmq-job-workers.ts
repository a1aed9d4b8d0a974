import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { EngineLogger } from '@erpcore/projections';
import { silentLogger } from '../jobs/silent-logger.js';
import type { RunnableJob } from '../jobs/job-definition.js';
import { failureMessage } from '../jobs/job-errors.js';
import { defaultRetention, type JobRetention, type JobWorkers } from '../jobs/job-queue.js';
import { createJobRegistry } from '../jobs/job-registry.js';
import type { JobSchedule } from '../jobs/job-schedule.js';
import { runAttempt } from '../jobs/run-attempt.js';
import { bullmqJobOptions } from './job-options.js';
import { defaultQueueName, openRedis, type BullmqLocation } from './redis-connection.js';

export interface BullmqJobWorkersOptions extends BullmqLocation {
  readonly jobs: readonly RunnableJob[];
  /** Registered as BullMQ job schedulers (upserted: every worker process may declare them). */
  readonly schedules?: readonly JobSchedule[];
  /** Attempts run at once per process (default 4). */
  readonly concurrency?: number;
  readonly retention?: JobRetention;
  readonly logger?: EngineLogger;
  /**
   * How long a worker's hold on an active job lasts without renewal, and how often workers look
   * for jobs whose holder died (BullMQ defaults: 30 s each). A job of a killed worker runs again
   * after about their sum; tests shorten both.
   */
  readonly stall?: { readonly lockDurationMs: number; readonly stalledIntervalMs: number };
}

/**
 * BullMQ workers for every registered job, plus the job schedulers. Retries, backoff and
 * retention come from the job options the producer set; the timeout is `runAttempt`'s.
 */
export const createBullmqJobWorkers = (options: BullmqJobWorkersOptions): JobWorkers => {
  const registry = createJobRegistry(options.jobs);
  const retention = options.retention ?? defaultRetention;
  const logger = options.logger ?? silentLogger;
  const name = options.queueName ?? defaultQueueName;
  const connection = openRedis(options.redisUrl, 'blocking', logger);
  let worker: Worker | undefined;

  const upsertSchedules = async (): Promise<void> => {
    const schedules = options.schedules ?? [];
    if (schedules.length === 0) return;
    const queue = new Queue(name, { connection, prefix: options.prefix });
    try {
      for (const schedule of schedules) {
        const job = registry.get(schedule.name);
        await queue.upsertJobScheduler(
          schedule.id,
          { every: schedule.everyMs },
          {
            name: schedule.name,
            data: schedule.data,
            opts: bullmqJobOptions(job.policy, retention),
          },
        );
      }
    } finally {
      await queue.close();
    }
  };

  return {
    start: async () => {
      if (worker !== undefined) return;
      await upsertSchedules();
      worker = new Worker(
        name,
        async (job) => {
          if (!registry.has(job.name))
            throw new UnrecoverableError(`no job named ${JSON.stringify(job.name)} is registered`);
          await runAttempt(registry.get(job.name), job.data, {
            jobId: job.id ?? '',
            attempt: job.attemptsMade + 1,
            logger,
          });
        },
        {
          connection,
          prefix: options.prefix,
          concurrency: options.concurrency ?? 4,
          ...(options.stall === undefined
            ? {}
            : {
                lockDuration: options.stall.lockDurationMs,
                stalledInterval: options.stall.stalledIntervalMs,
              }),
        },
      );
      worker.on('failed', (job, error) => {
        const final =
          job !== undefined &&
          (job.finishedOn !== undefined || job.attemptsMade >= (job.opts.attempts ?? 1));
        logger.warn(
          {
            job: job?.name,
            jobId: job?.id,
            attempts: job?.attemptsMade,
            err: failureMessage(error),
            final,
          },
          final ? 'job failed' : 'job attempt failed; will retry',
        );
      });
      // Connection errors are logged once per outage by the connection (openRedis): warn, and
      // the worker carries on once Redis answers again.
      worker.on('error', (error) => {
        if (connection.status !== 'ready') return;
        logger.warn({ err: failureMessage(error) }, 'job worker error');
      });
      await worker.waitUntilReady();
    },
    close: async () => {
      // Waits for the attempts in flight (each bounded by its job's timeout).
      await worker?.close();
      worker = undefined;
      await connection.quit().catch(() => undefined);
    },
  };
};
