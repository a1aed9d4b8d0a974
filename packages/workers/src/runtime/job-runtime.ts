import type { EventStore, SqlClient } from '@erpcore/eventstore';
import type { EngineLogger, ProjectionProgress } from '@erpcore/projections';
import { createBullmqJobQueue } from '../bullmq/bullmq-job-queue.js';
import { createBullmqJobWorkers } from '../bullmq/bullmq-job-workers.js';
import type { JobsConfig } from '../config/jobs-config.js';
import { createInProcessJobRunner } from '../in-process/in-process-job-runner.js';
import type { RunnableJob } from '../jobs/job-definition.js';
import type { JobQueue, JobWorkers } from '../jobs/job-queue.js';
import type { JobSchedule } from '../jobs/job-schedule.js';
import { createNotifier, type Notifier } from '../notifications/notifier.js';
import { sendNotificationJob } from '../notifications/send-notification.job.js';
import { whatsappJobs, whatsappOrderRequest } from '../notifications/whatsapp/whatsapp-jobs.js';
import { scheduleJob } from '../jobs/job-schedule.js';
import {
  projectionLagCheckJob,
  projectionLagCheckSchedule,
} from '../scheduled/projection-lag-check.job.js';

export interface JobRuntimeOptions {
  readonly config: JobsConfig;
  /** This process runs jobs, the notifier and the schedules (`start`, `worker`); else it only enqueues and lists (`api`). */
  readonly runJobs: boolean;
  readonly store: EventStore;
  readonly client: SqlClient;
  readonly progress: ProjectionProgress;
  readonly logger: EngineLogger;
}

/** The background jobs of one erpcore process. */
export interface JobRuntime {
  readonly mode: 'in-process' | 'bullmq';
  /** For `GET /v1/ops/jobs`. */
  readonly queue: JobQueue;
  /**
   * Starts the workers, schedules and notifier (when this process runs jobs). With Redis away
   * it does not wait: the workers start once Redis answers (the outage is logged at warn).
   */
  start(): Promise<void>;
  /** Why jobs cannot run or be listed now (Redis away), for readiness; undefined when they can. */
  problem(): Promise<string | undefined>;
  /** Stops the notifier, waits for the attempts in flight, closes Redis connections. */
  close(): Promise<void>;
}

/** Every job erpcore runs, and its schedules. */
export const erpcoreJobs = (
  config: JobsConfig,
  progress: ProjectionProgress,
  client: SqlClient,
  queue: () => JobQueue,
): { readonly jobs: readonly RunnableJob[]; readonly schedules: readonly JobSchedule[] } => {
  const lagCheck = projectionLagCheckJob(progress);
  const whatsapp =
    config.whatsapp === null ? undefined : whatsappJobs({ config: config.whatsapp, client, queue });
  return {
    jobs: [
      sendNotificationJob({ webhookUrl: config.notifyWebhookUrl }),
      lagCheck,
      ...(whatsapp === undefined ? [] : [whatsapp.order, whatsapp.send, whatsapp.reminders]),
    ],
    schedules: [
      projectionLagCheckSchedule(lagCheck, config.lagAlertEvents),
      ...(whatsapp === undefined
        ? []
        : [
            scheduleJob('whatsapp-debt-reminders', whatsapp.reminders, whatsappReminderEveryMs, {}),
          ]),
    ],
  };
};

/** The debt reminder runs once a day (from the first start; BullMQ keeps the rhythm across restarts). */
export const whatsappReminderEveryMs = 24 * 3600 * 1000;

/**
 * Server mode (REDIS_URL): a BullMQ producer, plus workers when this process runs jobs. Embedded:
 * the in-process runner, only in a process that runs jobs — an `api`-only process without Redis
 * has no queue to show (undefined).
 */
export const createJobRuntime = (options: JobRuntimeOptions): JobRuntime | undefined => {
  const { config, runJobs, logger } = options;
  // The reminder job enqueues through the queue built below: bound late, read when it runs.
  let queue: JobQueue | undefined;
  const boundQueue = (): JobQueue => {
    if (queue === undefined) throw new Error('job queue not built yet');
    return queue;
  };
  const { jobs, schedules } = erpcoreJobs(config, options.progress, options.client, boundQueue);
  let workers: JobWorkers | undefined;
  if (config.redisUrl !== null) {
    const location = { redisUrl: config.redisUrl, prefix: config.queuePrefix };
    queue = createBullmqJobQueue({ ...location, jobs, logger });
    if (runJobs)
      workers = createBullmqJobWorkers({
        ...location,
        jobs,
        schedules,
        logger,
        concurrency: config.jobConcurrency,
      });
  } else {
    if (!runJobs) return undefined;
    const runner = createInProcessJobRunner({
      jobs,
      schedules,
      logger,
      concurrency: config.jobConcurrency,
    });
    queue = runner;
    workers = runner;
  }
  const built: JobQueue = queue;
  const notifier: Notifier | undefined = runJobs
    ? createNotifier({
        store: options.store,
        client: options.client,
        queue: built,
        logger,
        ...(config.whatsapp === null ? {} : { alsoEnqueue: whatsappOrderRequest }),
      })
    : undefined;
  let starting: Promise<void> | undefined;
  return {
    mode: config.redisUrl === null ? 'in-process' : 'bullmq',
    queue: built,
    start: async () => {
      if (config.redisUrl === null) await workers?.start();
      else if (workers !== undefined) {
        // BullMQ's start waits for Redis (upserting schedules, a blocking connection): in the
        // background, so a worker process runs its projector while Redis is away.
        starting = workers.start().catch((error: unknown) => {
          logger.warn(
            { err: error instanceof Error ? error.message : String(error) },
            'background job workers did not start',
          );
        });
      }
      notifier?.start();
    },
    problem: async () => (await queue.problem?.()) ?? undefined,
    close: async () => {
      await notifier?.stop();
      await workers?.close();
      await starting;
      // In process, queue and workers are one object: closing it twice is harmless.
      await built.close();
    },
  };
};
