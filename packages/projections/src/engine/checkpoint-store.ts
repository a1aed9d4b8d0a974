import { sql, type Kysely, type Transaction } from 'kysely';
import type { ReadModels } from '../read-models.js';

/** The channel every committed batch notifies on (payload `name:position`). */
export const projectionsChannel = 'erpcore_projections';

/** DDL of the engine's own tables (unqualified, idempotent). */
export const createEngineTables = async (db: Kysely<ReadModels>): Promise<void> => {
  await db.schema
    .createTable('projection_checkpoints')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('error_position', 'bigint')
    .addColumn('error_message', 'text')
    .addColumn('rebuilding', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('owner', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('projection_dead_letters')
    .ifNotExists()
    .addColumn('projection', 'text', (c) => c.notNull())
    .addColumn('position', 'bigint', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('stream_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('projection_dead_letters_pk', ['projection', 'position'])
    .execute();
};

/** Creates the checkpoint row at 0 unless it exists. */
export const ensureCheckpoint = async (
  db: Kysely<ReadModels>,
  name: string,
  version: number,
): Promise<void> => {
  await db
    .insertInto('projection_checkpoints')
    .values({
      name,
      version,
      position: '0',
      state: 'active',
      error_position: null,
      error_message: null,
      owner: null,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
};

/**
 * Locks the projection's checkpoint row for the rest of `trx` and returns its position. Every
 * writer of a projection's tables (projector batch, rebuild swap) takes this lock first, so they
 * serialise on it and never interleave.
 */
export const lockCheckpoint = async (
  trx: Transaction<ReadModels>,
  name: string,
): Promise<bigint> => {
  const row = await trx
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined)
    throw new Error(`projection ${name} has no checkpoint row: run migrateReadModels first`);
  return BigInt(row.position);
};

/** Tells listeners (other processes via LISTEN, this one via the progress signal) that `name` moved. */
export const notifyProgress = async (
  trx: Transaction<ReadModels>,
  name: string,
  position: bigint,
): Promise<void> => {
  await sql`select pg_notify(${projectionsChannel}, ${`${name}:${position}`})`.execute(trx);
};
