import { afterAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import * as t from 'io-ts';
import { redisAvailable, redisUrl } from '@erpcore/eventstore/testing';
import { defineJob } from '../jobs/job-definition.js';
import { scheduleJob } from '../jobs/job-schedule.js';
import { dropPrefix, testPrefix } from '../testing/redis-prefix.spec-helpers.js';
import { createBullmqJobQueue } from './bullmq-job-queue.js';
import { createBullmqJobWorkers } from './bullmq-job-workers.js';

const up = await redisAvailable();
const prefix = testPrefix('schedule');

describe.skipIf(!up)('BullMQ job schedulers', () => {
  afterAll(() => dropPrefix(prefix));

  it('run a scheduled job repeatedly, once per schedule however many workers declare it', async () => {
    const seen: string[] = [];
    let reached: () => void = () => undefined;
    const thrice = new Promise<void>((resolve) => (reached = resolve));
    const tick = defineJob({
      name: 'tick',
      payload: t.type({ label: t.string }),
      policy: { attempts: 2, backoff: { delayMs: 10, jitter: 0 }, timeoutMs: 1_000 },
      handle: async ({ label }) => {
        seen.push(label);
        if (seen.length === 3) reached();
      },
    });
    const schedule = scheduleJob('tick-every-50ms', tick, 50, { label: 'hello' });
    const options = { redisUrl, prefix, jobs: [tick], schedules: [schedule] };
    // Two worker processes declare the same scheduler: upserted, so still one schedule.
    const a = createBullmqJobWorkers(options);
    const b = createBullmqJobWorkers(options);
    const queue = createBullmqJobQueue({ redisUrl, prefix, jobs: [tick] });
    try {
      await a.start();
      await b.start();
      await thrice;
      expect(seen.slice(0, 3)).toEqual(['hello', 'hello', 'hello']);
      const raw = new Queue('jobs', { connection: { url: redisUrl }, prefix });
      expect(await raw.getJobSchedulersCount()).toBe(1);
      await raw.close();
      const done = await queue.list('completed', { limit: 10 });
      expect(done.items[0]).toMatchObject({
        name: 'tick',
        payload: { label: 'hello' },
        state: 'completed',
      });
    } finally {
      await a.close();
      await b.close();
      await queue.close();
    }
  });
});
