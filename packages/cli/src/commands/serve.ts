import { buildApp, listenRefusal, type ErpConfig } from '@erpcore/api';
import type { Logger } from 'pino';
import { startAnchorSchedule, type AnchorSchedule } from '@erpcore/eventstore';
import { createProjectionProgress, createProjector, type Projector } from '@erpcore/projections';
import {
  createJobRuntime,
  defaultJobsConfig,
  type JobRuntime,
  type JobsConfig,
} from '@erpcore/workers';
import { createLogger } from '../logger.js';
import { UsageError } from '../usage-error.js';
import { allProjections } from '../projections.js';
import { untilSignal } from '../shutdown.js';
import { migrateAll, openStorage } from '../storage.js';

/**
 * What one process runs: `start` = both, `api` = HTTP only, `worker` = projector only. Background
 * jobs (notifier, job workers, schedules) run beside the projector.
 */
export interface ServeRoles {
  readonly api: boolean;
  readonly projector: boolean;
}

/**
 * Opens storage, migrates, runs the API and/or the projector, and on SIGTERM/SIGINT shuts down
 * in order: stop accepting and finish in-flight requests, finish the projector's current batch,
 * close pools. Resolves (exit code 0) once everything is closed.
 */
export const serve = async (
  config: ErpConfig,
  roles: ServeRoles,
  jobsConfig: JobsConfig = defaultJobsConfig,
  logger: Logger = createLogger(config.logLevel),
): Promise<void> => {
  // Before anything opens: a start that must not listen says so at once, in one line.
  const refusal = roles.api ? listenRefusal(config) : undefined;
  if (refusal !== undefined) throw new UsageError(refusal);
  const storage = await openStorage(
    config,
    roles.api && roles.projector ? 'start' : roles.api ? 'api' : 'worker',
  );
  let projector: Projector | undefined;
  let jobs: JobRuntime | undefined;
  let anchors: AnchorSchedule | undefined;
  try {
    await migrateAll(storage, allProjections);
    const progress = createProjectionProgress({
      db: storage.db,
      client: storage.client,
      store: storage.store,
      projections: allProjections,
    });
    jobs = createJobRuntime({
      config: jobsConfig,
      runJobs: roles.projector,
      store: storage.store,
      client: storage.client,
      progress,
      logger,
    });
    const app = roles.api
      ? await buildApp({
          store: storage.store,
          db: storage.db,
          client: storage.client,
          progress,
          config,
          logger,
          ...(jobs === undefined ? {} : { jobs: jobs.queue }),
          ...(jobs === undefined || jobs.mode !== 'bullmq'
            ? {}
            : { readinessChecks: [{ name: 'redis', check: jobs.problem.bind(jobs) }] }),
        })
      : undefined;
    if (roles.projector) {
      projector = createProjector({
        store: storage.store,
        db: storage.db,
        client: storage.client,
        projections: allProjections,
        logger,
      });
      await projector.start();
      await jobs?.start();
      if (jobs !== undefined) logger.info({ jobs: jobs.mode }, 'background jobs running');
      // Anchors live beside the events in SQL; a KurrentDB log has no anchors table.
      if (jobsConfig.anchorIntervalMs > 0 && storage.eventLog === 'sql') {
        anchors = startAnchorSchedule({
          conn: storage.client,
          intervalMs: jobsConfig.anchorIntervalMs,
          logger,
        });
        logger.info({ intervalMs: jobsConfig.anchorIntervalMs }, 'anchoring the event log');
      }
    }
    if (app !== undefined) {
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : config.port;
      const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
      // The one line a person starting erpcore looks for; stdout, apart from the JSON logs.
      process.stdout.write(
        `erpcore listening on http://${shownHost}:${port} (${storage.mode}: ${storage.location})\n`,
      );
    } else {
      process.stdout.write(`erpcore worker running (${storage.mode}: ${storage.location})\n`);
    }
    const signal = await untilSignal(async (sig) => {
      logger.info({ signal: sig }, 'shutting down');
      if (app !== undefined) await app.close();
      await anchors?.stop();
      // Before the projector and storage: the notifier reads the log, jobs may still be sending.
      await jobs?.close();
      if (projector !== undefined) await projector.stop();
      await progress.close();
      await storage.close();
    });
    logger.info({ signal }, 'stopped');
  } catch (error) {
    await anchors?.stop();
    await jobs?.close().catch(() => undefined);
    await projector?.stop().catch(() => undefined);
    await storage.close().catch(() => undefined);
    throw error;
  }
};
