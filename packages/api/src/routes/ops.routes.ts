import type { FastifyPluginAsync } from 'fastify';
import * as t from 'io-ts';
import { decodeOr400, strictObject } from '../http/decode.js';
import { defaultListLimit, listQueryProps } from '../http/list-query.js';
import { InvalidCursorError } from '@erpcore/projections';
import { doc } from '../http/route-doc.js';
import { readinessTimeoutMs, withTimeout } from '../health/readiness.js';
import { httpError } from '../http/http-error-codes.js';
import { HttpError } from '../http/http-error.js';
import { jobPageSchema, jobSchema } from '../openapi/operations-schemas.js';

const jobQueueAway = (): HttpError =>
  httpError('not_ready', 'the job queue (Redis) does not answer');

/** The job states `GET /v1/ops/jobs` lists. */
export const JobStateC = t.keyof(
  { waiting: null, active: null, delayed: null, completed: null, failed: null },
  'JobState',
);
export type JobStateName = t.TypeOf<typeof JobStateC>;

/** One background job as the API shows it. */
export interface JobView {
  readonly id: string;
  readonly name: string;
  readonly state: JobStateName;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly payload: unknown;
  readonly timestamp: string;
}

/**
 * What these routes need of the job queue: listing by state, reading and retrying one job.
 * @erpcore/workers' JobQueue fits; the API does not import it (api and workers are siblings),
 * the CLI passes it in.
 */
export interface JobListing {
  list(
    state: JobStateName,
    options: { readonly limit: number; readonly cursor?: string | undefined },
  ): Promise<{ readonly items: readonly JobView[]; readonly nextCursor: string | null }>;
  get(jobId: string): Promise<JobView | undefined>;
  retry(jobId: string): Promise<'retried' | 'not_found' | 'not_failed'>;
}

/** A job id as the queue hands them out (`notify-<eventId>`, a scheduler's `repeat:…`). */
const JobParamsC = strictObject('JobParams', {
  id: t.refinement(t.string, (s) => s.length >= 1 && s.length <= 256, 'JobId'),
});
const EmptyBodyC = t.union([t.undefined, t.null, strictObject('RetryBody', {})]);

const noQueue = (): HttpError =>
  httpError('not_ready', 'this process runs no job queue (set REDIS_URL, or use erpcore start)');

/** The queue's store (Redis) away or too slow: 503 within the bound, never a hang or a 500. */
const whileQueueAnswers = <T>(work: Promise<T>): Promise<T> =>
  withTimeout(work, readinessTimeoutMs, () => {
    throw jobQueueAway();
  }).catch((error: unknown) => {
    if (error instanceof HttpError || error instanceof InvalidCursorError) throw error;
    throw jobQueueAway();
  });

const JobsQueryC = strictObject('JobsQuery', {}, { state: JobStateC, ...listQueryProps });

/**
 * `GET /v1/ops/jobs?state=…` (admin only): background jobs in one state, newest first, with their
 * last error. `state` defaults to `failed`, the question operators ask.
 */
export const opsRoutes: FastifyPluginAsync<{ readonly jobs: JobListing | undefined }> = async (
  app,
  { jobs },
) => {
  app.get(
    '/ops/jobs',
    {
      schema: doc('operations', 'Background jobs in one state, with their last error (admin)', {
        operationId: 'listJobs',
        role: 'admin',
        description:
          '`state` defaults to `failed`. 503 not_ready when no job queue (Redis) answers.',
        query: JobsQueryC,
        responses: { 200: jobPageSchema },
      }),
      config: { access: 'admin' },
    },
    async (request) => {
      const query = decodeOr400(JobsQueryC, request.query, 'query');
      if (jobs === undefined) throw noQueue();
      return whileQueueAnswers(
        jobs.list(query.state ?? 'failed', {
          limit: query.limit ?? defaultListLimit,
          cursor: query.cursor,
        }),
      );
    },
  );

  app.post(
    '/ops/jobs/:id/retry',
    {
      schema: doc('operations', 'Run a failed job again with fresh attempts (admin)', {
        operationId: 'retryJob',
        role: 'admin',
        params: JobParamsC,
        responses: { 200: jobSchema },
        errors: ['not_found', 'conflict'],
        description:
          '200 with the job; 404 for an unknown (or no longer kept) id; 409 conflict when the job is not failed (waiting, delayed and active jobs still have attempts; a completed one must not run twice).',
      }),
      config: { access: 'admin' },
    },
    async (request) => {
      const { id } = decodeOr400(JobParamsC, request.params, 'params');
      decodeOr400(EmptyBodyC, request.body, 'body');
      if (jobs === undefined) throw noQueue();
      const outcome = await whileQueueAnswers(jobs.retry(id));
      if (outcome === 'not_found') throw httpError('not_found', `no job ${id}`);
      const job = await whileQueueAnswers(jobs.get(id));
      if (outcome === 'not_failed')
        throw httpError(
          'conflict',
          `job ${id} is ${job?.state ?? 'not failed'}: only a failed job can be retried`,
        );
      if (job === undefined) throw httpError('not_found', `no job ${id}`);
      return job;
    },
  );
};
