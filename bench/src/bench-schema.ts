import pg from 'pg';
import { countStatements } from '@erpcore/api';
import {
  createPgClient,
  createPostgresEventStore,
  migrateEventStore,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { postgresUrl, withSearchPath } from '@erpcore/eventstore/testing';
import {
  createReadDb,
  migrateReadModels,
  type ProjectionDefinition,
  type ReadDb,
} from '@erpcore/projections';

/** A PostgreSQL schema of one bench run's own, created through an admin connection it keeps. */
export interface BenchSchema {
  readonly name: string;
  /** The base URL with the schema as its search path. */
  readonly url: string;
  /** Drops the schema (or, with `keep`, says on stderr that it was kept) and ends the admin connection. */
  close(options?: { readonly keep?: boolean }): Promise<void>;
}

/**
 * Creates `bench_<bench>_<pid>` on `baseUrl`: the pid keeps two runs at once apart. With `kept`,
 * opens (or creates) the schema of that name instead and never drops it, so a later run reuses
 * what this one stored.
 */
export const openBenchSchema = async (
  bench: string,
  baseUrl: string,
  kept?: string,
): Promise<BenchSchema> => {
  const name = kept ?? `bench_${bench}_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${kept === undefined ? '' : 'if not exists '}"${name}"`);
  return {
    name,
    url: withSearchPath(baseUrl, name),
    close: async (options = {}) => {
      if (options.keep === true || kept !== undefined)
        process.stderr.write(`kept schema ${name}\n`);
      else await admin.query(`drop schema if exists "${name}" cascade`);
      await admin.end();
    },
  };
};

/** A bench's storage: statement-counting pool of 10, read models and event store on its own schema. */
export interface BenchStorage {
  readonly client: SqlClient;
  readonly db: ReadDb;
  readonly store: EventStore;
  /** The schema's connection URL, for processes the bench spawns. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Opens a schema on BENCH_DATABASE_URL (else the local PostgreSQL) and migrates the event store
 * and `projections`' read models into it. The client counts statements, as the API's does, so
 * the routes report theirs. `kept` names a schema to open or create and keep (openBenchSchema).
 */
export const openBenchStorage = async (
  bench: string,
  projections: readonly ProjectionDefinition[],
  kept?: string,
): Promise<BenchStorage> => {
  const schema = await openBenchSchema(
    bench,
    process.env['BENCH_DATABASE_URL'] ?? postgresUrl,
    kept,
  );
  const client = countStatements(createPgClient({ connectionString: schema.url, max: 10 }));
  const db = createReadDb(client);
  const close = async () => {
    await db.destroy();
    await client.close();
    await schema.close();
  };
  try {
    await migrateEventStore(client);
    await migrateReadModels(db, projections);
  } catch (error) {
    await close();
    throw error;
  }
  return { client, db, store: createPostgresEventStore(client), url: schema.url, close };
};
