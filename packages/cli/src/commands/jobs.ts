import { createBullmqJobQueue, type JobsConfig } from '@erpcore/workers';
import { commandHelp } from '../command-help.js';
import { UsageError } from '../usage-error.js';

/** What `erpcore jobs …` asks for. */
export type JobsRequest =
  { readonly kind: 'retry'; readonly jobId: string } | { readonly kind: 'retry-all' };

/** Parses the words after `jobs`; each refusal says what is wrong. */
export const parseJobsArgs = (args: readonly string[]): JobsRequest => {
  const [sub, target, ...extra] = args;
  if (sub === undefined) throw new UsageError('name a jobs subcommand (retry)', commandHelp.jobs);
  if (sub !== 'retry')
    throw new UsageError(
      `unknown jobs subcommand ${JSON.stringify(sub)}; known: retry`,
      commandHelp.jobs,
    );
  if (target === undefined)
    throw new UsageError('jobs retry needs a job id, or --all', commandHelp.jobs);
  if (extra.length > 0)
    throw new UsageError(
      `unexpected ${JSON.stringify(extra[0])} after ${target}`,
      commandHelp.jobs,
    );
  if (target === '--all') return { kind: 'retry-all' };
  if (target.startsWith('-'))
    throw new UsageError(`unknown option ${target}; known: --all`, commandHelp.jobs);
  return { kind: 'retry', jobId: target };
};

/**
 * `erpcore jobs retry <id>|--all`: moves failed jobs back to waiting on BullMQ. Returns the exit
 * code: 0 retried, 1 the job is unknown or not failed (the message says which).
 */
export const jobs = async (config: JobsConfig, request: JobsRequest): Promise<number> => {
  if (config.redisUrl === null)
    throw new UsageError(
      'jobs retry needs REDIS_URL: without it jobs live inside the `erpcore start` process; retry them there with POST /v1/ops/jobs/:id/retry',
    );
  const queue = createBullmqJobQueue({
    redisUrl: config.redisUrl,
    prefix: config.queuePrefix,
    jobs: [],
  });
  try {
    if (request.kind === 'retry-all') {
      const moved = await queue.retryAllFailed();
      process.stdout.write(`retried ${moved} failed job${moved === 1 ? '' : 's'}\n`);
      return 0;
    }
    const outcome = await queue.retry(request.jobId);
    if (outcome === 'retried') {
      process.stdout.write(`retried ${request.jobId}\n`);
      return 0;
    }
    if (outcome === 'not_found') {
      process.stderr.write(
        `erpcore jobs retry: no job ${request.jobId} (unknown, or no longer kept)\n`,
      );
      return 1;
    }
    const state = (await queue.get(request.jobId))?.state ?? 'not failed';
    process.stderr.write(
      `erpcore jobs retry: job ${request.jobId} is ${state}: only a failed job can be retried\n`,
    );
    return 1;
  } finally {
    await queue.close();
  }
};
