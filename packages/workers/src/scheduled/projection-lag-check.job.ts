import * as t from 'io-ts';
import type { ProjectionProgress } from '@erpcore/projections';
import { defineJob, type JobDefinition, type RetryPolicy } from '../jobs/job-definition.js';
import { scheduleJob, type JobSchedule } from '../jobs/job-schedule.js';

export const ProjectionLagCheckC = t.readonly(
  t.type({
    /** Warn about a projection more than this many events behind the head. */
    thresholdEvents: t.refinement(
      t.number,
      (n) => Number.isInteger(n) && n >= 0,
      'NonNegativeInteger',
    ),
  }),
  'ProjectionLagCheck',
);
export type ProjectionLagCheck = t.TypeOf<typeof ProjectionLagCheckC>;

/**
 * A check that runs every minute: one retry soon after a failure (a database blip), and no
 * more, because the next run is a minute away anyway.
 */
export const lagCheckPolicy: RetryPolicy = {
  attempts: 2,
  backoff: { delayMs: 5_000, jitter: 0.5 },
  timeoutMs: 30_000,
};

export const projectionLagCheckJobName = 'projection-lag-check';

/**
 * `projection-lag-check`: warns about every projection lagging past the threshold or failed, so
 * a stuck read model shows up in the logs (and alerts built on them) without anyone polling
 * `GET /v1/projections`.
 */
export const projectionLagCheckJob = (
  progress: ProjectionProgress,
): JobDefinition<ProjectionLagCheck> =>
  defineJob({
    name: projectionLagCheckJobName,
    payload: ProjectionLagCheckC,
    policy: lagCheckPolicy,
    handle: async ({ thresholdEvents }, { logger }) => {
      for (const status of await progress.statuses()) {
        if (status.status === 'failed')
          logger.error(
            { projection: status.name, position: status.position, error: status.error },
            'projection failed',
          );
        else if (status.lagEvents > thresholdEvents)
          logger.warn(
            {
              projection: status.name,
              lagEvents: status.lagEvents,
              lagSeconds: status.lagSeconds,
              thresholdEvents,
            },
            'projection lagging',
          );
      }
    },
  });

/** Every minute, the lag check with this threshold. */
export const projectionLagCheckSchedule = (
  job: JobDefinition<ProjectionLagCheck>,
  thresholdEvents: number,
  everyMs = 60_000,
): JobSchedule => scheduleJob(projectionLagCheckJobName, job, everyMs, { thresholdEvents });
