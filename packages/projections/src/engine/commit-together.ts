import { sql, type Transaction } from 'kysely';
import type { StoredEvent } from '@erpcore/eventstore';
import type { ReadDb } from '../read-db.js';
import type { ReadModels } from '../read-models.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { projectionsChannel } from './checkpoint-store.js';

/**
 * Applies one batch to several projections and moves all their checkpoints in ONE transaction:
 * one transaction per projection spent five statements of its own (begin, lock, checkpoint,
 * notify, commit) per batch, each a round trip that costs this process and the server CPU.
 * Resolves each projection's checkpoint after the batch. Any throw (a handler, a lost
 * connection) rolls the whole batch back: the caller then applies it projection by projection
 * (commit-batch.ts), which finds the poison event and applies its policy, so the rows left are
 * the same either way.
 */
export const commitTogether = async (
  db: ReadDb,
  projections: readonly ProjectionDefinition[],
  events: readonly StoredEvent[],
  /** Told how long each projection's share of the batch took (ms), statements and all. */
  onApplied?: (name: string, ms: number) => void,
): Promise<Map<string, bigint>> =>
  db.transaction().execute(async (trx) => {
    const names = projections.map((p) => p.name);
    // Locked in name order, as every writer of one projection locks only its own row: no deadlock.
    const { rows } = await sql<{ name: string; position: string }>`
      select name, position::text as position, set_config('synchronous_commit', 'off', true) as sync
        from projection_checkpoints where name = any(${names}::text[]) order by name for update`.execute(
      trx,
    );
    const checkpoints = new Map(rows.map((r) => [r.name, BigInt(r.position)]));
    const reached = new Map<string, bigint>();
    const moved = new Map<string, bigint>();
    for (const projection of projections) {
      const checkpoint = checkpoints.get(projection.name);
      if (checkpoint === undefined)
        throw new Error(
          `projection ${projection.name} has no checkpoint row: run migrateReadModels first`,
        );
      const started = performance.now();
      const last = await applyPast(trx, projection, events, checkpoint);
      onApplied?.(projection.name, performance.now() - started);
      reached.set(projection.name, last);
      if (last > checkpoint) moved.set(projection.name, last);
    }
    if (moved.size > 0) {
      const movedNames = [...moved.keys()];
      const positions = [...moved.values()].map((p) => p.toString());
      // Checkpoints and notifications in one statement (see notifyProgress for the payload).
      await sql`
        with moved as (
          update projection_checkpoints c set position = m.position, updated_at = now()
            from unnest(${movedNames}::text[], ${positions}::bigint[]) as m(name, position)
           where c.name = m.name
          returning c.name, c.position)
        select pg_notify(${projectionsChannel}, name || ':' || position::text) from moved`.execute(
        trx,
      );
    }
    return reached;
  });

/** Applies the events past `checkpoint` that `projection` handles; returns the last position past it. */
const applyPast = async (
  trx: Transaction<ReadModels>,
  projection: ProjectionDefinition,
  events: readonly StoredEvent[],
  checkpoint: bigint,
): Promise<bigint> => {
  // A batch is in position order: the events past the checkpoint are its tail, found with one
  // comparison each up to there, not a bigint comparison per event and projection.
  const from = events.findIndex((event) => event.position > checkpoint);
  if (from === -1) return checkpoint;
  const handles = handlesOf(projection);
  const handled: StoredEvent[] = [];
  for (let i = from; i < events.length; i++) {
    const event = events[i]!;
    if (!handles.has(event.type)) continue;
    if (projection.applyBatch === undefined) await projection.apply(trx, event);
    else handled.push(event);
  }
  if (projection.applyBatch !== undefined && handled.length > 0)
    await projection.applyBatch(trx, handled);
  return events[events.length - 1]!.position;
};

const handleSets = new WeakMap<ProjectionDefinition, ReadonlySet<string>>();

/** The event types `projection` handles, as a set built once per projection, not once per batch. */
const handlesOf = (projection: ProjectionDefinition): ReadonlySet<string> => {
  let handles = handleSets.get(projection);
  if (handles === undefined) handleSets.set(projection, (handles = new Set(projection.handles)));
  return handles;
};
