/**
 * A worker process for the kill test (notification-faults.int.test.ts): BullMQ workers that
 * send notifications to WEBHOOK_URL, until killed. Prints `ready` once it takes jobs.
 */
import { createBullmqJobWorkers } from '../bullmq/bullmq-job-workers.js';
import { sendNotificationJob } from '../notifications/send-notification.job.js';
import { faultTestHttpTimeoutMs, faultTestPolicy, faultTestStall } from './fault-test-settings.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
};

const workers = createBullmqJobWorkers({
  redisUrl: env('REDIS_URL'),
  prefix: env('QUEUE_PREFIX'),
  jobs: [
    sendNotificationJob({
      webhookUrl: env('WEBHOOK_URL'),
      policy: faultTestPolicy,
      httpTimeoutMs: faultTestHttpTimeoutMs,
    }),
  ],
  concurrency: 8,
  stall: faultTestStall,
});
await workers.start();
process.stdout.write('ready\n');
