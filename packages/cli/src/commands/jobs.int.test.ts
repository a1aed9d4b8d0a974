import { randomUUID } from 'node:crypto';
import * as t from 'io-ts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAvailable, redisUrl } from '@erpcore/eventstore/testing';
import {
  createBullmqJobQueue,
  createBullmqJobWorkers,
  defineJob,
  enqueueJob,
  type JobQueue,
  type JobWorkers,
} from '@erpcore/workers';
import { runCli } from '../testing-capture.spec-helpers.js';

const up = await redisAvailable();
const prefix = `test-cli-jobs-${process.pid}-${Math.floor(Math.random() * 1e9)}`;

/** Fails while `failing` is on, so a retry after it is switched off succeeds. */
let failing = true;
const toggle = defineJob({
  name: 'toggle',
  payload: t.type({}),
  policy: { attempts: 1, backoff: { delayMs: 1, jitter: 0 }, timeoutMs: 2_000 },
  handle: async () => {
    if (failing) throw new Error('receiver down');
  },
});

describe.skipIf(!up)('erpcore jobs retry (BullMQ)', () => {
  let queue: JobQueue;
  let workers: JobWorkers;
  const env = { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix };
  const failOne = async (): Promise<string> => {
    const id = randomUUID();
    await enqueueJob(queue, toggle, {}, { jobId: id });
    expect((await queue.settled(id, 20_000)).state).toBe('failed');
    return id;
  };

  beforeAll(async () => {
    queue = createBullmqJobQueue({ redisUrl, prefix, jobs: [toggle] });
    workers = createBullmqJobWorkers({ redisUrl, prefix, jobs: [toggle], concurrency: 1 });
    await workers.start();
  });
  afterAll(async () => {
    await workers?.close();
    await queue?.close();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('retries one failed job; refuses an unknown one and one not failed', async () => {
    const id = await failOne();
    failing = false;
    const run = await runCli(['jobs', 'retry', id], env);
    expect(run).toMatchObject({ code: 0, stdout: `retried ${id}\n` });
    expect(await queue.settled(id, 20_000)).toMatchObject({ state: 'completed', attempts: 1 });
    const again = await runCli(['jobs', 'retry', id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`job ${id} is completed: only a failed job can be retried`);
    const unknown = await runCli(['jobs', 'retry', 'nope'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no job nope');
  });

  it('retries every failed job with --all', async () => {
    failing = true;
    const ids = [await failOne(), await failOne()];
    failing = false;
    const run = await runCli(['jobs', 'retry', '--all'], env);
    expect(run).toMatchObject({ code: 0, stdout: 'retried 2 failed jobs\n' });
    for (const id of ids) expect((await queue.settled(id, 20_000)).state).toBe('completed');
  });
});
