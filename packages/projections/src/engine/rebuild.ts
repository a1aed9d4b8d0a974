import { sql, type Transaction } from 'kysely';
import type { EventStore, GlobalPosition, SqlClient, StoredEvent } from '@erpcore/eventstore';
import type { ReadModels } from '../read-models.js';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { lockCheckpoint, notifyProgress } from './checkpoint-store.js';
import { insertDeadLetter } from './dead-letters.js';
import { errorMessage } from './logger.js';
import { signalProgress } from './progress-signal.js';

export interface RebuildOptions {
  readonly store: EventStore;
  readonly db: ReadDb;
  /** Unused by the SQL itself; kept so callers hand the same trio as to the projector. */
  readonly client: SqlClient;
  readonly projection: ProjectionDefinition;
  /** Events per replay transaction (default 1000). */
  readonly batchSize?: number;
  /** Called after each replayed batch (awaited: the next batch waits for it). */
  readonly onProgress?: (p: { done: number; total: number }) => void | Promise<void>;
}

/** Raised when a handler throws during a rebuild of a `stop` projection: nothing was swapped. */
export class RebuildFailedError extends Error {
  override readonly name = 'RebuildFailedError';
  constructor(
    readonly projection: string,
    readonly position: GlobalPosition,
    readonly reason: string,
  ) {
    super(`rebuild of ${projection} failed at position ${position}: ${reason}`);
  }
}

const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** Counts the events a rebuild will replay, for progress (through the port: works on every store). */
const countUpTo = async (store: EventStore, head: GlobalPosition): Promise<number> => {
  let count = 0;
  let from = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: 5000 });
    const within = page.filter((e) => e.position <= head);
    count += within.length;
    const last = page[page.length - 1];
    if (last === undefined || within.length < page.length || page.length < 5000) return count;
    from = last.position;
  }
};

/**
 * Rebuilds one projection with no downtime: creates its tables in a shadow schema, replays the
 * whole log into them (each transaction runs with `SET LOCAL search_path = shadow, live`, so the
 * projection's unqualified SQL writes the shadow tables), catches up with the live checkpoint,
 * then in ONE transaction drops the live tables, moves the shadow ones in and sets the
 * checkpoint. Readers see the old tables until that commit. Works the same on PGlite. Dead
 * letters are re-recorded (idempotently) for `dead_letter` projections; a `stop` projection's
 * poison event aborts the rebuild with `RebuildFailedError`, leaving the live tables untouched.
 */
export const rebuildProjection = async (options: RebuildOptions): Promise<void> => {
  const { store, db, projection } = options;
  const batchSize = options.batchSize ?? 1000;
  const handles = new Set(projection.handles);
  const liveRow = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const live = liveRow.rows[0]?.schema;
  if (live === undefined) throw new Error('no current schema: set search_path');
  const shadow = `${live}__rebuild_${projection.name}`.slice(0, 63);
  const searchPath = sql.raw(`${quote(shadow)}, ${quote(live)}`);

  // Inside the shadow: unqualified names resolve to shadow tables first, then live (checkpoints, dead letters).
  const inShadow = <T>(fn: (trx: Transaction<ReadModels>) => Promise<T>): Promise<T> =>
    db.transaction().execute(async (trx) => {
      await sql`set local search_path = ${searchPath}`.execute(trx);
      return fn(trx);
    });

  await sql`drop schema if exists ${sql.id(shadow)} cascade`.execute(db);
  await sql`create schema ${sql.id(shadow)}`.execute(db);
  await db
    .updateTable('projection_checkpoints')
    .set({ rebuilding: true })
    .where('name', '=', projection.name)
    .execute();
  try {
    await inShadow((trx) => projection.createTables(trx));
    const head = await store.headPosition();
    // Counting is a full scan of the log: pay for it only when someone watches the progress.
    const total = options.onProgress === undefined ? 0 : await countUpTo(store, head);
    let done = 0;
    let position = 0n;
    await options.onProgress?.({ done, total });

    const replayPerEvent = async (events: readonly StoredEvent[]): Promise<void> => {
      await inShadow(async (trx) => {
        for (const event of events) {
          if (!handles.has(event.type)) continue;
          if (projection.onPoison !== 'dead_letter') {
            try {
              await projection.apply(trx, event);
            } catch (error) {
              throw new RebuildFailedError(projection.name, event.position, errorMessage(error));
            }
            continue;
          }
          // Only a dead-lettering projection pays for a savepoint per event: it must go on after a throw.
          await sql`savepoint rebuild_event`.execute(trx);
          try {
            await projection.apply(trx, event);
            await sql`release savepoint rebuild_event`.execute(trx);
          } catch (error) {
            await sql`rollback to savepoint rebuild_event`.execute(trx);
            await insertDeadLetter(trx, projection.name, event, error);
          }
        }
      });
    };

    /**
     * With a batch hook, one set-based call per page; if it throws (a poison event, or a fault
     * of the hook), that transaction rolls back and the page replays event by event, which
     * names the exact event or dead-letters it.
     */
    const replay = async (events: readonly StoredEvent[]): Promise<void> => {
      const applyBatch = projection.applyBatch;
      const handled = events.filter((e) => handles.has(e.type));
      if (applyBatch === undefined || handled.length === 0) return replayPerEvent(events);
      const applied = await inShadow((trx) => applyBatch(trx, handled)).then(
        () => true,
        () => false,
      );
      if (!applied) await replayPerEvent(events);
    };

    const read = (from: GlobalPosition) =>
      store.readAll({ fromPosition: from, maxCount: batchSize });

    /** Replays every event after `position` up to `until` (or to the current end when undefined). */
    const catchUp = async (until: GlobalPosition | undefined): Promise<void> => {
      let page = await read(position);
      for (;;) {
        const events = until === undefined ? page : page.filter((e) => e.position <= until);
        const last = events[events.length - 1];
        if (last === undefined) return;
        const more = events.length === page.length && page.length === batchSize;
        // Read the next page while this one is applied: the two overlap on separate connections
        // (on PGlite's single connection the read simply waits its turn).
        const next = more ? read(last.position) : undefined;
        next?.catch(() => undefined);
        await replay(events);
        position = last.position;
        done += events.length;
        await options.onProgress?.({ done, total: Math.max(total, done) });
        if (next === undefined) return;
        page = await next;
      }
    };

    await catchUp(head);
    // Swap once the shadow is at least as far as the live projector: then the live projector,
    // which skips events at or below the checkpoint, neither loses nor repeats one. If it moved
    // past us meanwhile, catch up again and retry (no store reads inside the swap transaction:
    // on PGlite they would wait for the connection that transaction holds).
    for (;;) {
      await catchUp(undefined);
      const swapped = await db.transaction().execute(async (trx) => {
        const livePosition = await lockCheckpoint(trx, projection.name);
        if (livePosition > position) return false;
        for (const table of projection.tables) {
          await sql`drop table if exists ${sql.table(`${live}.${table}`)} cascade`.execute(trx);
          await sql`alter table ${sql.table(`${shadow}.${table}`)} set schema ${sql.id(live)}`.execute(
            trx,
          );
        }
        await trx
          .updateTable('projection_checkpoints')
          .set({
            position,
            version: projection.version,
            state: 'active',
            error_position: null,
            error_message: null,
            rebuilding: false,
            updated_at: sql`now()`,
          })
          .where('name', '=', projection.name)
          .execute();
        await sql`drop schema ${sql.id(shadow)} cascade`.execute(trx);
        await notifyProgress(trx, projection.name, position);
        return true;
      });
      if (swapped) break;
    }
    signalProgress();
  } catch (error) {
    await sql`drop schema if exists ${sql.id(shadow)} cascade`.execute(db).catch(() => undefined);
    await db
      .updateTable('projection_checkpoints')
      .set({ rebuilding: false })
      .where('name', '=', projection.name)
      .execute()
      .catch(() => undefined);
    throw error;
  }
};
