import type { EventStore, GlobalPosition } from '@erpcore/eventstore';
import type { ReadDb } from '../read-db.js';
import type { ProjectionDefinition } from '../projection-definition.js';
import { applyWithPolicy, onReadError } from './apply-with-policy.js';
import { ensureCheckpoint } from './checkpoint-store.js';
import { silentLogger, type EngineLogger } from './logger.js';

export interface CatchUpOptions {
  readonly store: EventStore;
  readonly db: ReadDb;
  readonly projection: ProjectionDefinition;
  /** Events per transaction (default 500). */
  readonly batchSize?: number;
  readonly logger?: EngineLogger;
}

/**
 * Projects from the checkpoint to the head seen at the call, in batches, with the projector's
 * transaction and poison rules but no subscription and no ownership: for tools and tests that
 * need "project everything now" (the caller makes sure no projector runs it concurrently, or
 * accepts that both serialise on the checkpoint row). Returns the checkpoint reached, or the
 * position of the failure when the projection stopped on a poison event.
 */
export const catchUpProjection = async (
  options: CatchUpOptions,
): Promise<{ position: GlobalPosition; failed: boolean }> => {
  const { store, db, projection } = options;
  const batchSize = options.batchSize ?? 500;
  const logger = options.logger ?? silentLogger;
  await ensureCheckpoint(db, projection.name, projection.version);
  const head = await store.headPosition();
  for (;;) {
    const row = await db
      .selectFrom('projection_checkpoints')
      .select(['position', 'state'])
      .where('name', '=', projection.name)
      .executeTakeFirstOrThrow();
    const position = BigInt(row.position);
    if (row.state === 'failed') return { position, failed: true };
    if (position >= head) return { position, failed: false };
    const result = await store.readAll({ fromPosition: position, maxCount: batchSize }).then(
      async (page) => {
        const batch = page.filter((e) => e.position <= head);
        return batch.length === 0 ? 'done' : applyWithPolicy(db, projection, batch, logger);
      },
      (error: unknown) => onReadError(db, projection, error, logger),
    );
    if (result === 'done') return { position, failed: false };
    if (result === 'failed') return { position, failed: true };
  }
};
