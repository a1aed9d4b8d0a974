import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, redisUrl } from '@erpcore/eventstore/testing';
import { createBullmqJobQueue } from '../bullmq/bullmq-job-queue.js';
import { createBullmqJobWorkers } from '../bullmq/bullmq-job-workers.js';
import { enqueueJob } from '../jobs/enqueue-job.js';
import type { JobQueue } from '../jobs/job-queue.js';
import {
  faultTestHttpTimeoutMs,
  faultTestPolicy,
  faultTestStall,
} from '../testing/fault-test-settings.js';
import {
  startIdempotentReceiver,
  type IdempotentReceiver,
} from '../testing/idempotent-receiver.spec-helpers.js';
import { dropPrefix, testPrefix } from '../testing/redis-prefix.spec-helpers.js';
import { notificationJobId, type Notification } from './notification.js';
import { sendNotificationJob } from './send-notification.job.js';

const up = await redisAvailable();

/** A seeded generator (mulberry32): the same sequence of faults on every run. */
const seeded = (seed: number): (() => number) => {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
};

const notification = (): Notification => ({
  eventId: randomUUID(),
  type: 'OrderConfirmed',
  streamId: `order-${randomUUID()}`,
  position: '1',
  occurredAt: '2026-12-01T09:00:00.000Z',
  data: { id: 'O-1', at: '2026-12-01T09:00:00.000Z' },
});

const settleAll = (queue: JobQueue, sent: readonly Notification[]) =>
  Promise.all(sent.map((n) => queue.settled(notificationJobId(n.eventId), 120_000)));

const enqueueAll = async (queue: JobQueue, webhookUrl: string, sent: readonly Notification[]) => {
  const job = sendNotificationJob({ webhookUrl, policy: faultTestPolicy });
  for (const n of sent) await enqueueJob(queue, job, n, { jobId: notificationJobId(n.eventId) });
};

/**
 * The delivery guarantees against a receiver that misbehaves and a worker that dies (real Redis,
 * BullMQ). The receiver dedupes on `Idempotency-Key`, as the README asks integrators to.
 */
describe.skipIf(!up)('notifications under faults (BullMQ)', () => {
  let receiver: IdempotentReceiver;
  const prefixes: string[] = [];

  beforeAll(async () => {
    receiver = await startIdempotentReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    for (const prefix of prefixes) await dropPrefix(prefix);
  });

  it('500 notifications, 30% of calls failing: each delivered (processed once) or listed as failed', async () => {
    const prefix = testPrefix('faults');
    prefixes.push(prefix);
    const random = seeded(13);
    const faults = { 500: 0, 429: 0, hang: 0 };
    receiver.script = () => {
      const r = random();
      if (r >= 0.3) return 200;
      const fault = r < 0.1 ? 500 : r < 0.2 ? 429 : 'hang';
      faults[fault] += 1;
      return fault;
    };
    const send = sendNotificationJob({
      webhookUrl: receiver.url,
      policy: faultTestPolicy,
      httpTimeoutMs: faultTestHttpTimeoutMs,
    });
    const queue = createBullmqJobQueue({ redisUrl, prefix, jobs: [send] });
    const workers = createBullmqJobWorkers({ redisUrl, prefix, jobs: [send], concurrency: 16 });
    const sent = Array.from({ length: 500 }, notification);
    try {
      await workers.start();
      await enqueueAll(queue, receiver.url, sent);
      const settled = await settleAll(queue, sent);
      const delivered = settled.filter((j) => j.state === 'completed');
      const failed = settled.filter((j) => j.state === 'failed');
      const listedFailed = await queue.list('failed', { limit: 500 });
      // A timeout can fire after the receiver processed a request (a slow answer): the sender
      // retries, and the receiver's dedupe drops the repeat. Such a job may even fail for good
      // although the receiver has it; delivery is at least once, processing exactly once.
      const processedButFailed = failed.filter((j) =>
        receiver.processed.has(String((j.payload as { eventId: unknown }).eventId)),
      ).length;
      console.log(
        `30% faults (${JSON.stringify(faults)} of ${receiver.requests.length} calls): ` +
          `delivered ${delivered.length}, failed ${failed.length}, duplicated ${receiver.duplicates} ` +
          `(dropped by the receiver's Idempotency-Key dedupe; ${processedButFailed} failed jobs had been processed) of 500`,
      );
      expect(delivered.length + failed.length).toBe(500);
      for (const [i, n] of sent.entries())
        if (settled[i]?.state === 'completed') expect(receiver.processed.has(n.eventId)).toBe(true);
      expect(listedFailed.items.map((j) => j.id).sort()).toEqual(failed.map((j) => j.id).sort());
      for (const job of listedFailed.items)
        expect(job.lastError).toMatch(/webhook answered (500|429)|did not answer within/);
      expect(faults[500] + faults[429] + faults.hang).toBeGreaterThan(0);
      // Every call carries the key the receiver dedupes on: the event id.
      for (const r of receiver.requests) expect(r.key).toBe(r.eventId);
    } finally {
      await workers.close();
      await queue.close();
    }
  });

  it('a worker killed mid-job: after a restart every notification is delivered', async () => {
    const prefix = testPrefix('kill');
    prefixes.push(prefix);
    receiver.processed.clear();
    receiver.requests.length = 0;
    receiver.duplicates = 0;
    // The first 20 get answers; then replies are held, so the worker dies with jobs in flight.
    let answered = 0;
    receiver.script = () => (++answered <= 20 ? 200 : 'hold');
    const send = sendNotificationJob({
      webhookUrl: receiver.url,
      policy: faultTestPolicy,
      httpTimeoutMs: faultTestHttpTimeoutMs,
    });
    const queue = createBullmqJobQueue({ redisUrl, prefix, jobs: [send] });
    const sent = Array.from({ length: 100 }, notification);
    const script = fileURLToPath(
      new URL('../testing/notification-worker.child.ts', import.meta.url),
    );
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
      env: { ...process.env, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, WEBHOOK_URL: receiver.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<string | number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(signal ?? code)),
    );
    const restarted = createBullmqJobWorkers({
      redisUrl,
      prefix,
      jobs: [send],
      concurrency: 8,
      stall: faultTestStall,
    });
    try {
      if (child.stdout === null) throw new Error('no stdout');
      await new Promise<void>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (l) => l === 'ready' && resolve());
        void exited.then((code) => reject(new Error(`worker exited early: ${code}`)));
      });
      await enqueueAll(queue, receiver.url, sent);
      await receiver.receivedAtLeast(21);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      receiver.release();
      receiver.script = () => 200;
      await restarted.start();
      const settled = await settleAll(queue, sent);
      console.log(
        `worker SIGKILLed mid-job; after restart: ` +
          `delivered ${settled.filter((j) => j.state === 'completed').length} of 100, ` +
          `duplicates dropped by the receiver ${receiver.duplicates}`,
      );
      expect(settled.map((j) => j.state)).toEqual(sent.map(() => 'completed'));
      expect([...receiver.processed].sort()).toEqual(sent.map((n) => n.eventId).sort());
      // Jobs in flight (or answered but not yet acknowledged) when the worker died ran again: the
      // receiver saw them twice and dropped the repeat by its Idempotency-Key.
      expect(receiver.duplicates).toBeGreaterThanOrEqual(1);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await restarted.close();
      await queue.close();
    }
  });
});
