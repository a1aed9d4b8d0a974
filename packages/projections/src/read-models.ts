import type { ColumnType } from 'kysely';

/** A PostgreSQL `bigint` column: read back as a decimal string (pg and our PGlite client agree), written as bigint or string. */
export type Int8Column = ColumnType<string, bigint | string, bigint | string>;
/** A nullable `bigint` column. */
export type NullableInt8Column = ColumnType<
  string | null,
  bigint | string | null,
  bigint | string | null
>;
/** A `timestamptz` column the database fills in. */
export type TimestampColumn = ColumnType<Date, Date | string | undefined, Date | string>;

/** Stored state of a projection: `active` (the projector runs it), `failed` (a poison event stopped it), `stopped`. */
export type CheckpointState = 'active' | 'failed' | 'stopped';

/** One row per projection: how far it got, and why it stopped if it did. */
export interface ProjectionCheckpointsTable {
  name: string;
  version: number;
  position: Int8Column;
  state: CheckpointState;
  error_position: NullableInt8Column;
  error_message: string | null;
  /** Set while `rebuildProjection` builds shadow tables for it. */
  rebuilding: ColumnType<boolean, boolean | undefined, boolean>;
  /** `host:pid` of the process that last owned it. */
  owner: string | null;
  updated_at: TimestampColumn;
}

/** Events a projection with `onPoison: 'dead_letter'` could not apply; it went on without them. */
export interface ProjectionDeadLettersTable {
  projection: string;
  position: Int8Column;
  event_id: string;
  stream_id: string;
  type: string;
  /** The stored event data (jsonb). */
  data: ColumnType<unknown, string, string>;
  error: string;
  created_at: TimestampColumn;
}

/** Read model of `WarehouseCreated`. */
export interface WarehousesTable {
  id: string;
  name: string;
  branch_id: string | null;
  position: Int8Column;
  created_at: ColumnType<Date, Date | string, Date | string>;
}

/** Read model of `ProductCreated`. */
export interface ProductsTable {
  id: string;
  name: string;
  unit: string;
  position: Int8Column;
  created_at: ColumnType<Date, Date | string, Date | string>;
}

/**
 * Every read-model table. Each bounded context adds its own by declaration merging:
 *
 * ```ts
 * declare module '@erpcore/projections' { interface ReadModels { stock_levels: StockLevelsTable } }
 * ```
 * (inside this package, `declare module '../read-models.js'`).
 */
export interface ReadModels {
  projection_checkpoints: ProjectionCheckpointsTable;
  projection_dead_letters: ProjectionDeadLettersTable;
  warehouses: WarehousesTable;
  products: ProductsTable;
}
