import { jobRunnerContract } from '../jobs/job-queue.contract.js';
import { createInProcessJobRunner } from './in-process-job-runner.js';

jobRunnerContract('in-process', async (jobs) => {
  const runner = createInProcessJobRunner({ jobs, concurrency: 1 });
  return { queue: runner, workers: runner };
});
