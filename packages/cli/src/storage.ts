import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { countStatements, type ErpConfig } from '@erpcore/api';
import {
  isConnectionLoss,
  createPgClient,
  createPgliteClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import {
  createReadDb,
  migrateReadModels,
  type ProjectionDefinition,
  type ReadDb,
} from '@erpcore/projections';
import { migrateNotifier } from '@erpcore/workers';
import { CliRefusal } from './cli-refusal.js';
import { lockDataDir, type DataDirLock } from './data-dir/data-dir-lock.js';
import { prepareDataDir } from './data-dir/prepare-data-dir.js';
import { compileWasmBaselineOnly } from './data-dir/wasm-baseline-only.js';

/** The opened storage: one SqlClient under the event store and the read models. */
export interface Storage {
  readonly mode: 'pglite' | 'postgres';
  /** Where the data lives, for the start-up message (never a password). */
  readonly location: string;
  /** Counts statements per request (see @erpcore/api); the store and db run on it. */
  readonly client: SqlClient;
  readonly store: EventStore;
  /** Where the events live: the SQL database above, or KurrentDB (EVENTSTORE_URL). */
  readonly eventLog: 'sql' | 'kurrentdb';
  readonly db: ReadDb;
  close(): Promise<void>;
}

const redact = (url: string): string => {
  const u = new URL(url);
  if (u.password !== '') u.password = '***';
  return u.toString();
};

/**
 * The KurrentDB event store for EVENTSTORE_URL. Loaded only when asked for: the gRPC client and
 * its native bridge cost a second at start-up that PostgreSQL and PGlite deployments never pay.
 */
const openKurrentDb = async (
  url: string,
): Promise<{ readonly store: EventStore; readonly location: string }> => {
  const { connectKurrentDb, createKurrentDbEventStore } =
    await import('@erpcore/eventstore/kurrentdb');
  const store = createKurrentDbEventStore(connectKurrentDb(url), { closeClient: true });
  // Not `redact`: a cluster's `host1:2113,host2:2113` is no URL host `new URL` accepts.
  return { store, location: url.replace(/(\/\/[^/:@\s]*:)[^@\s]*@/, '$1***@') };
};

/**
 * Opens PostgreSQL when DATABASE_URL is set (refused in one line when it does not answer), else
 * the embedded PGlite database under ERP_DATA_DIR: locked for this process first (a second one
 * is refused with who holds it), and on first use created aside and moved into place.
 */
export const openStorage = async (config: ErpConfig, command = 'start'): Promise<Storage> => {
  let raw: SqlClient;
  let location: string;
  let lock: DataDirLock | undefined;
  if (config.databaseUrl !== null) {
    location = redact(config.databaseUrl);
    raw = createPgClient({ connectionString: config.databaseUrl, max: 10 });
    try {
      await raw.query('select 1');
    } catch (error) {
      await raw.close().catch(() => undefined);
      const why = error instanceof Error ? error.message : String(error);
      throw new CliRefusal(
        isConnectionLoss(error)
          ? `cannot reach the database at ${location}: ${why}`
          : `the database at ${location} refused the connection: ${why}`,
      );
    }
  } else {
    const dataDir = resolve(config.dataDir);
    // A clean checkout has no ./data yet: the lock file needs its directory.
    await mkdir(dataDir, { recursive: true });
    lock = await lockDataDir(dataDir, command);
    compileWasmBaselineOnly();
    try {
      raw = await createPgliteClient({ dataDir: await prepareDataDir(dataDir) });
    } catch (error) {
      await lock.release();
      throw error;
    }
    location = join(config.dataDir, 'pglite');
  }
  const client = countStatements(raw);
  const kurrent =
    config.eventStoreUrl === null ? undefined : await openKurrentDb(config.eventStoreUrl);
  const store = kurrent?.store ?? createPostgresEventStore(client);
  const db = createReadDb(client);
  return {
    mode: raw.kind,
    location: kurrent === undefined ? location : `${location}, events in ${kurrent.location}`,
    client,
    store,
    eventLog: kurrent === undefined ? 'sql' : 'kurrentdb',
    db,
    close: async () => {
      try {
        await store.close();
        await db.destroy();
        await client.close();
      } finally {
        await lock?.release();
      }
    },
  };
};

/**
 * Creates or updates the event store's and the read models' tables, and the notifier's checkpoint
 * (created at the head, before this process takes commands, so no later event is missed). Idempotent.
 */
export const migrateAll = async (
  storage: Storage,
  projections: readonly ProjectionDefinition[],
): Promise<void> => {
  // With KurrentDB the events are not in SQL: no event tables to create there.
  if (storage.eventLog === 'sql') await migrateEventStore(storage.client);
  await migrateReadModels(storage.db, projections);
  await migrateNotifier(storage.client, storage.store);
};
