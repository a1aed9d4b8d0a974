import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { EventStore, SqlClient } from '@erpcore/eventstore';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { ensureCheckpoint } from './checkpoint-store.js';
import { errorMessage, silentLogger, type EngineLogger } from './logger.js';
import { oldestOpenTransactionSeconds } from './open-transactions.js';
import { createLogFeed, type LogFeed } from './log-feed.js';
import { createOwnership } from './ownership.js';
import { sleep } from './sleep.js';

export interface ProjectorOptions {
  readonly store: EventStore;
  readonly db: ReadDb;
  readonly client: SqlClient;
  readonly projections: readonly ProjectionDefinition[];
  /**
   * Most events per batch (default 2000): a catch-up reads and applies pages this large, and a
   * batch costs about twenty statements whatever its size (measured: 500 spent 20–35% more CPU
   * per event). Live batches are cut by `maxBatchWaitMs` long before.
   */
  readonly batchSize?: number;
  /** Longest a batch waits for more events after its first (default 20 ms): bounds read-your-writes latency. */
  readonly maxBatchWaitMs?: number;
  /** How often a process retries taking a projection another process owns (default 1000 ms). */
  readonly ownershipRetryMs?: number;
  /** Warn when a writing transaction has been open longer than this (default 30 s; checked every 10 s on PostgreSQL). */
  readonly openTransactionWarnSeconds?: number;
  readonly logger?: EngineLogger;
}

/**
 * Runs projections for as long as this process owns each: one log reader feeds them all, each
 * from its own checkpoint.
 */
export interface Projector {
  start(): Promise<void>;
  /** Finishes the current batch, releases ownership and returns. */
  stop(): Promise<void>;
}

/** Creates the projector; nothing runs until `start()`. */
export const createProjector = (options: ProjectorOptions): Projector => {
  const { store, db, client, projections } = options;
  const batchSize = options.batchSize ?? 2000;
  const maxBatchWaitMs = options.maxBatchWaitMs ?? 20;
  const retryMs = options.ownershipRetryMs ?? 1000;
  const warnSeconds = options.openTransactionWarnSeconds ?? 30;
  const logger = options.logger ?? silentLogger;
  const owner = `${hostname()}:${process.pid}`;
  const ownership = createOwnership(client);
  const owned = new Set<string>();
  let stopping = false;
  let requestStop = (): void => undefined;
  let stopped: Promise<void> = Promise.resolve();
  let runners: Promise<void>[] = [];
  let monitor: NodeJS.Timeout | undefined;
  // One reader of the log for every projection this process owns (log-feed.ts).
  const newFeed = (): LogFeed =>
    createLogFeed({
      store,
      db,
      batchSize,
      maxBatchWaitMs,
      retryMs,
      logger,
      owns: (name) => ownership.holds(name),
    });
  let feed = newFeed();

  /** Waits until this process owns `name` (or stops); false when stopping. */
  const acquire = async (name: string): Promise<boolean> => {
    let announced = false;
    let failures = 0;
    while (!stopping) {
      try {
        if (await ownership.tryAcquire(name)) return true;
        failures = 0;
        if (!announced)
          logger.info({ projection: name }, 'projection owned by another process; standing by');
        announced = true;
      } catch (error) {
        // The database is away (restart, failover): back off up to 30 s, warn on the first try.
        if (failures === 0)
          logger.warn(
            { projection: name, err: errorMessage(error) },
            'cannot try projection ownership; retrying',
          );
        failures += 1;
      }
      await sleep(Math.min(30_000, retryMs * 2 ** Math.min(failures, 5)), stopped);
    }
    return false;
  };

  const claim = async (projection: ProjectionDefinition): Promise<void> => {
    const name = projection.name;
    while (!stopping) {
      try {
        await ensureCheckpoint(db, name, projection.version);
        // A new owner retries a failed projection: the handler may have been fixed since.
        await db
          .updateTable('projection_checkpoints')
          .set({
            state: 'active',
            owner,
            error_position: null,
            error_message: null,
            updated_at: sql`now()`,
          })
          .where('name', '=', name)
          .execute();
        return;
      } catch (error) {
        logger.warn(
          { projection: name, err: errorMessage(error) },
          'cannot claim projection checkpoint; retrying',
        );
        await sleep(retryMs, stopped);
      }
    }
  };

  const run = async (projection: ProjectionDefinition): Promise<void> => {
    const name = projection.name;
    // Ownership can be lost with its connection: the feed leaves the projection at once, and
    // it is taken again here (or left to the process that took it meanwhile).
    while (!stopping) {
      if (!(await acquire(name))) return;
      owned.add(name);
      await claim(projection);
      if (stopping) return;
      logger.info({ projection: name, owner }, 'projection owned by this process');
      feed.join(projection);
      while (!stopping && ownership.holds(name)) await sleep(retryMs, stopped);
      feed.leave(name);
      if (!stopping) {
        owned.delete(name);
        logger.warn(
          { projection: name },
          'projection ownership lost with its connection; retaking',
        );
      }
    }
  };

  const checkOpenTransactions = async (): Promise<void> => {
    const age = await oldestOpenTransactionSeconds(client);
    if (age > warnSeconds) {
      logger.warn(
        { oldestOpenTransactionSeconds: Math.round(age) },
        'a writing transaction has been open long: every log subscriber waits behind it',
      );
    }
  };

  return {
    start: async () => {
      if (runners.length > 0) return;
      stopping = false;
      stopped = new Promise<void>((resolve) => (requestStop = resolve));
      feed = newFeed();
      runners = [feed.run(stopped), ...projections.map((p) => run(p))];
      if (client.kind === 'postgres') {
        monitor = setInterval(() => void checkOpenTransactions().catch(() => undefined), 10_000);
        monitor.unref();
      }
    },
    stop: async () => {
      stopping = true;
      requestStop();
      if (monitor !== undefined) clearInterval(monitor);
      await Promise.all(runners);
      runners = [];
      try {
        if (owned.size > 0) {
          await db
            .updateTable('projection_checkpoints')
            .set({ state: 'stopped', updated_at: sql`now()` })
            .where('name', 'in', [...owned])
            .where('state', '=', 'active')
            .where('owner', '=', owner)
            .execute();
        }
      } finally {
        owned.clear();
        await ownership.releaseAll();
      }
    },
  };
};
