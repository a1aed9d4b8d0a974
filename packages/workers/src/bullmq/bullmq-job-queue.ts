import { Queue, QueueEvents } from 'bullmq';
import type { RunnableJob } from '../jobs/job-definition.js';
import {
  defaultRetention,
  type JobInfo,
  type JobQueue,
  type JobRetention,
} from '../jobs/job-queue.js';
import { createJobRegistry } from '../jobs/job-registry.js';
import { decodeOffsetCursor, offsetPage } from '../jobs/list-cursor.js';
import { bullJobInfo, fromBullState } from './job-info.js';
import { bullmqJobOptions } from './job-options.js';
import {
  defaultQueueName,
  openRedis,
  redisProblem,
  type BullmqLocation,
} from './redis-connection.js';
import type { EngineLogger } from '@erpcore/projections';
import { waitForWake } from './wait-for-wake.js';

export interface BullmqJobQueueOptions extends BullmqLocation {
  /** The jobs this producer may enqueue: their policies become the job options. */
  readonly jobs: readonly RunnableJob[];
  readonly retention?: JobRetention;
  /** Where a Redis outage is reported (once, at warn). */
  readonly logger?: EngineLogger;
}

/** Re-check interval while waiting for a job to settle; QueueEvents usually wakes it sooner. */
const settleRecheckMs = 250;

/** The BullMQ producer: enqueue (policy as job options, jobId for idempotency) and list. */
export const createBullmqJobQueue = (options: BullmqJobQueueOptions): JobQueue => {
  const registry = createJobRegistry(options.jobs);
  const retention = options.retention ?? defaultRetention;
  const name = options.queueName ?? defaultQueueName;
  const connection = openRedis(options.redisUrl, 'producer', options.logger);
  const queue = new Queue(name, { connection, prefix: options.prefix });
  // Opened on the first `settled` only: the API lists and enqueues without a blocking connection.
  let events:
    { readonly connection: ReturnType<typeof openRedis>; readonly events: QueueEvents } | undefined;

  const get = async (jobId: string): Promise<JobInfo | undefined> => {
    // State first, then the job: a job read before it settles and a state read after would pair
    // a final state with stale fields (a failed job with zero attempts). Read this way round, a
    // settled state always comes with the settled job.
    const state = fromBullState(await queue.getJobState(jobId));
    if (state === undefined) return undefined;
    const job = await queue.getJob(jobId);
    return job === undefined ? undefined : bullJobInfo(job, state);
  };

  const queueEvents = async (): Promise<QueueEvents> => {
    if (events === undefined) {
      const eventsConnection = openRedis(options.redisUrl, 'blocking', options.logger);
      events = {
        connection: eventsConnection,
        events: new QueueEvents(name, { connection: eventsConnection, prefix: options.prefix }),
      };
      // Each pending `settled` listens while it waits; many at once are expected, not a leak.
      events.events.setMaxListeners(0);
    }
    await events.events.waitUntilReady();
    return events.events;
  };

  const retry: JobQueue['retry'] = async (jobId) => {
    const state = await queue.getJobState(jobId);
    if (state === 'unknown') return 'not_found';
    if (state !== 'failed') return 'not_failed';
    const job = await queue.getJob(jobId);
    if (job === undefined) return 'not_found';
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      return 'retried';
    } catch (error) {
      // Another operator's retry (or the retention) got there between our read and the move.
      const now = await queue.getJobState(jobId);
      if (now === 'unknown') return 'not_found';
      if (now !== 'failed') return 'not_failed';
      throw error;
    }
  };

  return {
    retry,
    retryAllFailed: async () => {
      // A snapshot of the failed set (bounded by the retention), so a job that fails again at
      // once is not retried twice by one call.
      const failed = await queue.getJobs(['failed'], 0, -1, false);
      let moved = 0;
      for (const job of failed)
        if (job?.id !== undefined && (await retry(job.id)) === 'retried') moved += 1;
      return moved;
    },
    enqueue: async ({ name: jobName, data, jobId }) => {
      const job = registry.get(jobName);
      // An existing jobId makes `add` return the existing job untouched: the no-op we want.
      await queue.add(jobName, data, { ...bullmqJobOptions(job.policy, retention), jobId });
    },
    list: async (state, { limit, cursor }) => {
      const offset = decodeOffsetCursor(cursor);
      const jobs = await queue.getJobs([state], offset, offset + limit, false);
      const infos = jobs.filter((j) => j !== undefined).map((j) => bullJobInfo(j, state));
      return offsetPage(infos, offset, limit);
    },
    get,
    problem: () => redisProblem(connection),
    settled: async (jobId, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      const watched = await queueEvents();
      for (;;) {
        const woken = waitForWake(watched, jobId);
        try {
          const info = await get(jobId);
          if (info === undefined) throw new Error(`no job ${jobId}`);
          if (info.state === 'completed' || info.state === 'failed') return info;
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`job ${jobId} did not settle within ${timeoutMs} ms`);
          // The event only shortens the wait; the re-check is what guarantees progress.
          await woken.wait(Math.min(left, settleRecheckMs));
        } finally {
          woken.cancel();
        }
      }
    },
    close: async () => {
      await queue.close();
      await connection.quit().catch(() => undefined);
      if (events !== undefined) {
        await events.events.close();
        await events.connection.quit().catch(() => undefined);
        events = undefined;
      }
    },
  };
};
