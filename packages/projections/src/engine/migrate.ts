import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { ReadModels } from '../read-models.js';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { createEngineTables } from './checkpoint-store.js';

/** Kysely's bookkeeping tables for the read side (named apart from any other Migrator's). */
const migrationTableName = 'read_model_migrations';
const migrationLockTableName = 'read_model_migrations_lock';

const versionName = (p: ProjectionDefinition, version: number): string =>
  `projection_${p.name}_v${String(version).padStart(4, '0')}`;

/**
 * Version N of a projection: (re)create its tables empty and put its checkpoint at 0, so the
 * projector replays the log into them. Earlier versions stay in the list as no-ops, because kysely
 * refuses a database whose executed migrations are missing from the provider.
 */
const projectionMigration = (p: ProjectionDefinition, version: number): Migration => ({
  up: async (db) => {
    if (version !== p.version) return;
    const read = db as Kysely<ReadModels>;
    for (const table of p.tables)
      await sql`drop table if exists ${sql.table(table)} cascade`.execute(read);
    await p.createTables(read);
    await read
      .insertInto('projection_checkpoints')
      .values({
        name: p.name,
        version: p.version,
        position: '0',
        state: 'active',
        error_position: null,
        error_message: null,
        owner: null,
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          version: p.version,
          position: '0',
          state: 'active',
          error_position: null,
          error_message: null,
          rebuilding: false,
        }),
      )
      .execute();
  },
});

/** The migrations for `projections`: the engine's tables first, then every version of each projection. */
export const readModelMigrations = (
  projections: readonly ProjectionDefinition[],
): Record<string, Migration> => {
  const names = new Set<string>();
  const migrations: Record<string, Migration> = {
    '0000_projection_engine': { up: (db) => createEngineTables(db as Kysely<ReadModels>) },
  };
  for (const p of projections) {
    if (names.has(p.name)) throw new Error(`two projections are named ${p.name}`);
    names.add(p.name);
    if (!Number.isInteger(p.version) || p.version < 1)
      throw new Error(`projection ${p.name}: version must be an integer ≥ 1`);
    for (let v = 1; v <= p.version; v++) migrations[versionName(p, v)] = projectionMigration(p, v);
  }
  return migrations;
};

/**
 * Brings the read-model schema up to date: the engine's tables and each projection's tables at its
 * current version. Idempotent; concurrent callers serialise on kysely's migration lock. Bumping a
 * projection's version recreates its tables empty and the projector replays it (downtime for that
 * projection; `rebuildProjection` is the no-downtime path).
 */
export const migrateReadModels = async (
  db: ReadDb,
  projections: readonly ProjectionDefinition[],
): Promise<void> => {
  const migrations = readModelMigrations(projections);
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  // Kysely looks for its bookkeeping tables in every schema unless told which: another schema's
  // tables in the same database (a parallel test file, a benchmark) would make it skip creating ours.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrationTableSchema = rows[0]?.schema;
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName,
    migrationLockTableName,
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `read-model migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
};
