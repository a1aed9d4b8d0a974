import { afterAll, describe, it } from 'vitest';
import { redisAvailable, redisUrl } from '@erpcore/eventstore/testing';
import { jobRunnerContract } from '../jobs/job-queue.contract.js';
import { dropPrefix, testPrefix } from '../testing/redis-prefix.spec-helpers.js';
import { createBullmqJobQueue } from './bullmq-job-queue.js';
import { createBullmqJobWorkers } from './bullmq-job-workers.js';

// Checked while collecting, so the suite is skipped without Redis (fails under REQUIRE_SERVICES=1).
const up = await redisAvailable();
const prefix = testPrefix('contract');

if (up) {
  jobRunnerContract('bullmq', async (jobs) => ({
    queue: createBullmqJobQueue({ redisUrl, prefix, jobs }),
    workers: createBullmqJobWorkers({ redisUrl, prefix, jobs, concurrency: 1 }),
  }));
  afterAll(() => dropPrefix(prefix));
} else {
  describe.skip('job runner contract: bullmq (Redis not available)', () =>
    it('skipped', () => undefined));
}
