/**
 * Background jobs: one JobQueue port with two runners (BullMQ on Redis for server mode, an
 * in-process runner for embedded mode) that pass one contract suite; the notifier and its
 * `send-notification` job; the scheduled `projection-lag-check`; and the runtime the CLI wires.
 */
export * from './jobs/job-definition.js';
export * from './jobs/job-queue.js';
export * from './jobs/job-schedule.js';
export * from './jobs/enqueue-job.js';
export { JobTimeoutError, UnknownJobError, isUnrecoverable } from './jobs/job-errors.js';
export { backoffDelayMs } from './jobs/backoff.js';
export { UnrecoverableError } from 'bullmq';
export {
  createInProcessJobRunner,
  type InProcessJobRunner,
  type InProcessJobRunnerOptions,
} from './in-process/in-process-job-runner.js';
export { createBullmqJobQueue, type BullmqJobQueueOptions } from './bullmq/bullmq-job-queue.js';
export {
  createBullmqJobWorkers,
  type BullmqJobWorkersOptions,
} from './bullmq/bullmq-job-workers.js';
export type { BullmqLocation } from './bullmq/redis-connection.js';
export * from './notifications/notification.js';
export { postJson, webhookTimeoutMs } from './notifications/post-json.js';
export * from './notifications/send-notification.job.js';
export { migrateNotifier, readNotifierCheckpoint } from './notifications/notifier-checkpoint.js';
export * from './notifications/notifier.js';
export * from './scheduled/projection-lag-check.job.js';
export * from './config/jobs-config.js';
export * from './runtime/job-runtime.js';
export * from './notifications/whatsapp/whatsapp-config.js';
export * from './notifications/whatsapp/whatsapp-message.js';
export * from './notifications/whatsapp/whatsapp-jobs.js';
