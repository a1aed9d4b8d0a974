import { sql, type Transaction } from 'kysely';
import type { EventStore, GlobalPosition, StoredEvent } from '@erpcore/eventstore';
import type { ReadModels } from '../read-models.js';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { lockCheckpoint } from './checkpoint-store.js';
import { errorMessage } from './logger.js';

/** How one table of a projection differs between the live tables and a replay of the log. */
export interface TableDifference {
  readonly table: string;
  /** Rows in the live table that the replay does not produce (edited or inserted by hand). */
  readonly onlyLive: number;
  /** Rows the replay produces that the live table lacks (deleted or edited by hand). */
  readonly onlyReplayed: number;
  /** Up to `sampleSize` of each, as JSON objects. */
  readonly liveSample: readonly unknown[];
  readonly replayedSample: readonly unknown[];
}

/** The answer of a replay comparison for one projection. */
export interface ReplayComparison {
  readonly projection: string;
  /** The log position both sides were compared at (the live checkpoint, locked while comparing). */
  readonly position: GlobalPosition;
  readonly equal: boolean;
  readonly tables: readonly TableDifference[];
  /** Set when the replay itself failed (a `stop` projection's handler threw): nothing compared. */
  readonly replayError?: string;
}

export interface ReplayCompareOptions {
  readonly store: EventStore;
  readonly db: ReadDb;
  readonly projection: ProjectionDefinition;
  readonly batchSize?: number;
  /** Differing rows shown per table and side (default 20). */
  readonly sampleSize?: number;
  readonly onProgress?: (p: { done: number }) => void;
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/**
 * Replays the whole log into a scratch schema (the rebuild's shadow technique: `SET LOCAL
 * search_path = scratch, live`, so the projection's unqualified SQL writes scratch tables) up to
 * the live checkpoint, then, holding the checkpoint lock so the projector cannot move the live
 * tables meanwhile, compares each table with `EXCEPT ALL` both ways. The scratch schema is
 * always dropped; the live tables are only read.
 *
 * Every column is compared: the projections set their timestamps from the events (created_at,
 * updated_at, occurred_at), so a replay reproduces them; only the engine's own bookkeeping
 * (projection_checkpoints.updated_at, dead letters) differs and is not a projection table.
 */
export const replayAndCompare = async (
  options: ReplayCompareOptions,
): Promise<ReplayComparison> => {
  const { store, db, projection } = options;
  const batchSize = options.batchSize ?? 1000;
  const sampleSize = options.sampleSize ?? 20;
  const handles = new Set(projection.handles);
  const liveRow = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const live = liveRow.rows[0]?.schema;
  if (live === undefined) throw new Error('no current schema: set search_path');
  const scratch = `${live}__replay_${projection.name}`.slice(0, 63);
  const searchPath = sql.raw(`${quote(scratch)}, ${quote(live)}`);
  const inScratch = <T>(fn: (trx: Transaction<ReadModels>) => Promise<T>): Promise<T> =>
    db.transaction().execute(async (trx) => {
      await sql`set local search_path = ${searchPath}`.execute(trx);
      return fn(trx);
    });

  let position = 0n;
  let done = 0;
  /** Applies every handled event after `position` up to `until`, a page a transaction. */
  const replayUpTo = async (until: GlobalPosition): Promise<void> => {
    for (;;) {
      const page = await store.readAll({ fromPosition: position, maxCount: batchSize });
      const events = page.filter((e) => e.position <= until);
      const last = events[events.length - 1];
      if (last === undefined) return;
      await inScratch(async (trx) => {
        for (const event of events) await applyOne(trx, event);
      });
      position = last.position;
      done += events.length;
      options.onProgress?.({ done });
      if (events.length < page.length || page.length < batchSize) return;
    }
  };
  const applyOne = async (trx: Transaction<ReadModels>, event: StoredEvent): Promise<void> => {
    if (!handles.has(event.type)) return;
    if (projection.onPoison !== 'dead_letter') {
      await projection.apply(trx, event);
      return;
    }
    // The live projector parked this event as a dead letter: skipping it reproduces the live rows.
    await sql`savepoint replay_event`.execute(trx);
    try {
      await projection.apply(trx, event);
      await sql`release savepoint replay_event`.execute(trx);
    } catch {
      await sql`rollback to savepoint replay_event`.execute(trx);
    }
  };

  await sql`drop schema if exists ${sql.id(scratch)} cascade`.execute(db);
  await sql`create schema ${sql.id(scratch)}`.execute(db);
  try {
    await inScratch((trx) => projection.createTables(trx));
    for (;;) {
      const target = await db.transaction().execute((trx) => lockCheckpoint(trx, projection.name));
      try {
        await replayUpTo(target);
      } catch (error) {
        return {
          projection: projection.name,
          position,
          equal: false,
          tables: [],
          replayError: errorMessage(error),
        };
      }
      // Compare under the checkpoint lock; if the projector moved on meanwhile, catch up first.
      const compared = await db.transaction().execute(async (trx) => {
        const livePosition = await lockCheckpoint(trx, projection.name);
        if (livePosition > position) return undefined;
        const tables: TableDifference[] = [];
        for (const table of projection.tables)
          tables.push(await compareTable(trx, live, scratch, table, sampleSize));
        return tables;
      });
      if (compared === undefined) continue;
      return {
        projection: projection.name,
        position,
        equal: compared.every((t) => t.onlyLive === 0 && t.onlyReplayed === 0),
        tables: compared,
      };
    }
  } finally {
    await sql`drop schema if exists ${sql.id(scratch)} cascade`.execute(db);
  }
};

/** EXCEPT ALL both ways over the scratch table's columns (a column added live by hand is ignored). */
const compareTable = async (
  trx: Transaction<ReadModels>,
  live: string,
  scratch: string,
  table: string,
  sampleSize: number,
): Promise<TableDifference> => {
  const { rows: columns } = await sql<{ name: string; type: string }>`
    select column_name as name, data_type as type from information_schema.columns
     where table_schema = ${scratch} and table_name = ${table} order by ordinal_position`.execute(
    trx,
  );
  // json has no equality operator: compare it as jsonb.
  const list = sql.raw(
    columns
      .map((c) =>
        c.type === 'json' ? `${quote(c.name)}::jsonb as ${quote(c.name)}` : quote(c.name),
      )
      .join(', '),
  );
  const liveTable = sql.table(`${live}.${table}`);
  const scratchTable = sql.table(`${scratch}.${table}`);
  const side = async (
    from: typeof liveTable,
    minus: typeof liveTable,
  ): Promise<{ count: number; sample: unknown[] }> => {
    const { rows } = await sql<{ n: string; sample: unknown[] | null }>`
      with d as (select ${list} from ${from} except all select ${list} from ${minus})
      select count(*)::text as n,
             (select jsonb_agg(to_jsonb(s)) from (select * from d limit ${sampleSize}) s) as sample
        from d`.execute(trx);
    return { count: Number(rows[0]?.n ?? '0'), sample: rows[0]?.sample ?? [] };
  };
  const onlyLive = await side(liveTable, scratchTable);
  const onlyReplayed = await side(scratchTable, liveTable);
  return {
    table,
    onlyLive: onlyLive.count,
    onlyReplayed: onlyReplayed.count,
    liveSample: onlyLive.sample,
    replayedSample: onlyReplayed.sample,
  };
};
