import { sql, type Transaction } from 'kysely';
import type { ReadModels } from '../read-models.js';
import type { PoisonEvent } from './poison-event.js';
import { errorMessage } from './logger.js';

/** Parks an event a projection could not apply (idempotent per projection and position). */
export const insertDeadLetter = async (
  trx: Transaction<ReadModels>,
  projection: string,
  event: PoisonEvent,
  error: unknown,
): Promise<void> => {
  await trx
    .insertInto('projection_dead_letters')
    .values({
      projection,
      position: event.position,
      event_id: event.eventId,
      stream_id: event.streamId,
      type: event.type,
      // Cast through text: pg and PGlite would each encode a JS value for jsonb their own way.
      data: sql<string>`cast(${JSON.stringify(event.data) ?? 'null'} as text)::jsonb`,
      error: errorMessage(error),
    })
    .onConflict((oc) => oc.columns(['projection', 'position']).doNothing())
    .execute();
};
