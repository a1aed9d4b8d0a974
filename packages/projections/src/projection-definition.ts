import type { Kysely, Transaction } from 'kysely';
import type { StoredEvent } from '@erpcore/eventstore';
import type { ReadModels } from './read-models.js';

/**
 * A projection: a named, versioned mapping from events to SQL on the tables it owns. The engine
 * (projector, migrations, rebuilds) does everything else: batching, checkpoints, ownership.
 *
 * `apply` must only use `trx` (statements on other connections would escape the batch's
 * transaction, and on PGlite would wait forever for its single connection) and must write
 * through unqualified table names, so a rebuild can point it at shadow tables.
 */
export interface ProjectionDefinition {
  /** Unique, e.g. `stock_levels`. */
  readonly name: string;
  /** Bumping it means "rebuild me": the migration recreates the tables and replays from 0. */
  readonly version: number;
  /** The tables it owns (unqualified). */
  readonly tables: readonly string[];
  /** DDL for its tables and indexes, unqualified names; run by migrate and by rebuild into a shadow schema. */
  readonly createTables: (db: Kysely<ReadModels>) => Promise<void>;
  /** Event types it applies; other events are skipped but still move its checkpoint. */
  readonly handles: readonly string[];
  readonly apply: (trx: Transaction<ReadModels>, event: StoredEvent) => Promise<void>;
  /**
   * Optional fast path: applies several events (those it handles, past the checkpoint, in
   * position order, never empty) with set-based statements, leaving exactly the rows that
   * `apply` on each in turn would. The engine calls it inside the batch's transaction; when it
   * throws, the engine rolls the transaction back and replays the batch through `apply`, so a
   * poison event is still found and reported at its exact position.
   */
  readonly applyBatch?: (
    trx: Transaction<ReadModels>,
    events: readonly StoredEvent[],
  ) => Promise<void>;
  /** What a throwing handler does: `stop` (default) marks the projection failed; `dead_letter` parks the event and goes on. */
  readonly onPoison?: 'stop' | 'dead_letter';
}
