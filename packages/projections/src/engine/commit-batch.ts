import { sql } from 'kysely';
import type { StoredEvent } from '@erpcore/eventstore';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { lockCheckpoint, notifyProgress } from './checkpoint-store.js';
import { insertDeadLetter } from './dead-letters.js';
import { errorMessage } from './logger.js';
import type { PoisonEvent } from './poison-event.js';

export type { PoisonEvent } from './poison-event.js';

/** What to record in the same transaction after the batch: a poison event parked or a stop. */
export type BatchTail =
  | { readonly kind: 'dead_letter'; readonly event: PoisonEvent; readonly error: unknown }
  | { readonly kind: 'fail'; readonly event: PoisonEvent; readonly error: unknown };

export type CommitOutcome =
  | { readonly kind: 'committed'; readonly position: bigint }
  /** The handler threw on `event`; nothing of the batch was written. */
  | { readonly kind: 'handler_failed'; readonly event: StoredEvent; readonly error: unknown }
  /** `applyBatch` threw; nothing was written. Which event is at fault only `apply` can tell. */
  | { readonly kind: 'batch_failed'; readonly error: unknown };

export interface CommitOptions {
  /** Something to record after the batch in the same transaction. */
  readonly tail?: BatchTail;
  /** Apply event by event even when the projection has `applyBatch` (to find a poison event). */
  readonly perEvent?: boolean;
}

/** Thrown inside the transaction only to roll it back; never escapes commitBatch. */
class HandlerFailed extends Error {
  override readonly name = 'HandlerFailed';
}

/**
 * Applies `events` and moves the checkpoint in ONE transaction. Events at or below the stored
 * checkpoint are skipped, so replaying a batch after a crash changes nothing twice. Events the
 * projection does not handle still move the checkpoint. Errors other than the handler's (lost
 * connection, failed commit) are thrown: the caller retries from the checkpoint.
 */
export const commitBatch = async (
  db: ReadDb,
  projection: ProjectionDefinition,
  events: readonly StoredEvent[],
  options: CommitOptions = {},
): Promise<CommitOutcome> => {
  const { tail } = options;
  const handles = new Set(projection.handles);
  const applyBatch = options.perEvent === true ? undefined : projection.applyBatch;
  let failure: { event: StoredEvent | undefined; error: unknown } | undefined;
  try {
    const position = await db.transaction().execute(async (trx) => {
      // Rows and checkpoint commit together, so a crash that loses the last commits only makes
      // the projector replay them: no need to wait for the WAL flush (the log itself still does).
      // Several projections commit at once here; waiting for a flush each serialised them.
      await sql`set local synchronous_commit = off`.execute(trx);
      const checkpoint = await lockCheckpoint(trx, projection.name);
      let last = checkpoint;
      const handled: StoredEvent[] = [];
      for (const event of events) {
        if (event.position <= checkpoint) continue;
        if (handles.has(event.type)) {
          if (applyBatch !== undefined) handled.push(event);
          else
            try {
              await projection.apply(trx, event);
            } catch (error) {
              failure = { event, error };
              throw new HandlerFailed();
            }
        }
        last = event.position;
      }
      if (applyBatch !== undefined && handled.length > 0)
        try {
          await applyBatch(trx, handled);
        } catch (error) {
          failure = { event: undefined, error };
          throw new HandlerFailed();
        }
      if (tail?.kind === 'dead_letter' && tail.event.position > last) {
        await insertDeadLetter(trx, projection.name, tail.event, tail.error);
        last = tail.event.position;
      }
      if (tail?.kind === 'fail') {
        await trx
          .updateTable('projection_checkpoints')
          .set({
            position: last,
            state: 'failed',
            error_position: tail.event.position,
            error_message: errorMessage(tail.error),
            updated_at: sql`now()`,
          })
          .where('name', '=', projection.name)
          .execute();
      } else if (last > checkpoint) {
        await trx
          .updateTable('projection_checkpoints')
          .set({ position: last, updated_at: sql`now()` })
          .where('name', '=', projection.name)
          .execute();
      }
      if (last > checkpoint || tail !== undefined) await notifyProgress(trx, projection.name, last);
      return last;
    });
    return { kind: 'committed', position };
  } catch (error) {
    if (error instanceof HandlerFailed && failure !== undefined)
      return failure.event === undefined
        ? { kind: 'batch_failed', error: failure.error }
        : { kind: 'handler_failed', event: failure.event, error: failure.error };
    throw error;
  }
};
