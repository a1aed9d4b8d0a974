import type { FastifyPluginAsync } from 'fastify';
import * as t from 'io-ts';
import { decodeOr400, strictObject } from '../http/decode.js';
import { defaultListLimit, listQueryProps } from '../http/list-query.js';
import { doc } from '../http/route-doc.js';
import { httpError } from '../http/http-error-codes.js';

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
 * What this route needs of the job queue: listing by state. @erpcore/workers' JobQueue fits; the
 * API does not import it (api and workers are siblings), the CLI passes it in.
 */
export interface JobListing {
  list(
    state: JobStateName,
    options: { readonly limit: number; readonly cursor?: string | undefined },
  ): Promise<{ readonly items: readonly JobView[]; readonly nextCursor: string | null }>;
}

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
      schema: doc('operations', 'Background jobs in one state, with their last error (admin)'),
      config: { access: 'admin' },
    },
    async (request) => {
      const query = decodeOr400(JobsQueryC, request.query, 'query');
      if (jobs === undefined)
        throw httpError(
          'not_ready',
          'this process runs no job queue (set REDIS_URL, or use erpcore start)',
        );
      return jobs.list(query.state ?? 'failed', {
        limit: query.limit ?? defaultListLimit,
        cursor: query.cursor,
      });
    },
  );
};
