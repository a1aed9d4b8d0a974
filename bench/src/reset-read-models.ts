import { sql } from 'kysely';
import { migrateReadModels, type ProjectionDefinition, type ReadDb } from '@erpcore/projections';

/** The engine's own tables and kysely's bookkeeping of the read side (engine/migrate.ts). */
const engineTables = [
  'projection_checkpoints',
  'projection_dead_letters',
  'read_model_migrations',
  'read_model_migrations_lock',
];

/**
 * Drops every read-model table of `projections` and the engine's, then migrates them again: empty
 * tables and checkpoints at 0, as on a fresh schema, while the log stays as it is.
 */
export const resetReadModels = async (
  db: ReadDb,
  projections: readonly ProjectionDefinition[],
): Promise<void> => {
  for (const table of [...projections.flatMap((p) => p.tables), ...engineTables])
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  await migrateReadModels(db, projections);
};
