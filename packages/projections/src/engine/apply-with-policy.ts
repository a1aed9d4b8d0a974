import { UndecodableEventError, type StoredEvent } from '@erpcore/eventstore';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { commitBatch, type PoisonEvent } from './commit-batch.js';
import { errorMessage, type EngineLogger } from './logger.js';
import { signalProgress } from './progress-signal.js';

/** `ok`: batch committed; `resubscribe`: read again from the checkpoint; `failed`: the projection stopped on a poison event. */
export type BatchResult = 'ok' | 'resubscribe' | 'failed';

/**
 * Commits a batch; when a handler throws, commits what precedes the bad event and, in the same
 * transaction, parks it (`dead_letter`) or marks the projection failed at it (`stop`, default).
 */
export const applyWithPolicy = async (
  db: ReadDb,
  projection: ProjectionDefinition,
  batch: readonly StoredEvent[],
  logger: EngineLogger,
): Promise<BatchResult> => {
  let first = await commitBatch(db, projection, batch);
  // The batch hook failed as a whole: replay event by event, which commits the batch if the
  // failure was the hook's own, or names the exact poison event.
  if (first.kind === 'batch_failed')
    first = await commitBatch(db, projection, batch, { perEvent: true });
  if (first.kind === 'committed') {
    signalProgress();
    return 'ok';
  }
  // Per event, a handler's throw is `handler_failed`; this only satisfies the type.
  if (first.kind === 'batch_failed') throw first.error;
  const { event, error } = first;
  const before = batch.filter((e) => e.position < event.position);
  return recordPoison(db, projection, before, event, error, logger, 'projection handler failed');
};

/**
 * A stored event the log reader could not decode is poison like a failing handler: the events
 * the read returned before it are applied, and it is stopped at (or parked from) its position.
 */
export const applyUndecodable = (
  db: ReadDb,
  projection: ProjectionDefinition,
  error: UndecodableEventError,
  logger: EngineLogger,
): Promise<BatchResult> =>
  recordPoison(
    db,
    projection,
    error.before,
    error.row,
    error,
    logger,
    'stored event cannot be decoded',
  );

const recordPoison = async (
  db: ReadDb,
  projection: ProjectionDefinition,
  before: readonly StoredEvent[],
  event: PoisonEvent,
  error: unknown,
  logger: EngineLogger,
  what: string,
): Promise<BatchResult> => {
  const policy = projection.onPoison ?? 'stop';
  logger.error(
    {
      projection: projection.name,
      position: event.position.toString(),
      eventType: event.type,
      streamId: event.streamId,
      err: errorMessage(error),
      policy,
    },
    policy === 'stop' ? `${what}: projection stopped` : `${what}: event dead-lettered`,
  );
  const second = await commitBatch(db, projection, before, {
    tail: { kind: policy === 'stop' ? 'fail' : 'dead_letter', event, error },
    perEvent: true,
  });
  signalProgress();
  // A handler that now fails on an earlier event is flaky: start over from the checkpoint.
  if (second.kind === 'handler_failed') return 'resubscribe';
  return policy === 'stop' ? 'failed' : 'resubscribe';
};

/** The outcome of a read that failed: poison for an undecodable event, otherwise rethrown. */
export const onReadError = (
  db: ReadDb,
  projection: ProjectionDefinition,
  error: unknown,
  logger: EngineLogger,
): Promise<BatchResult> => {
  if (error instanceof UndecodableEventError)
    return applyUndecodable(db, projection, error, logger);
  throw error;
};
