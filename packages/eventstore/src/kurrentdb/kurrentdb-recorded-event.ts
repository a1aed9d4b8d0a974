import type { AllStreamResolvedEvent, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { EventDecodeError, type StoredEvent } from '../event-store.js';
import { decodeMetadata, isMetadataProblem } from './kurrentdb-metadata.js';
import { toGlobalPosition } from './kurrentdb-position.js';
import { currentStoredEvent } from '../upcasting/current-shape.js';

/**
 * A resolved event read from KurrentDB as our StoredEvent, or `undefined` for an entry without
 * an event (a link whose target is gone). Data must be JSON and metadata erpcore's (see
 * kurrentdb-metadata.ts): anything else is someone else's event in our log and fails loudly,
 * naming where it is, as a stored event that does not decode does on PostgreSQL.
 */
export const toStoredEvent = (
  resolved: ResolvedEvent | AllStreamResolvedEvent,
): StoredEvent | undefined => {
  const event = resolved.event;
  if (event === undefined) return undefined;
  const revision = BigInt(event.revision);
  const fail = (reason: string): never => {
    throw new EventDecodeError(event.streamId, revision, event.type, reason);
  };
  if (!event.isJson) return fail('data is not JSON (content type application/octet-stream)');
  if (event.position === undefined)
    return fail('the server sent no log position (KurrentDB/EventStoreDB 22.6 or later sends it)');
  const metadata = decodeMetadata(event.metadata);
  if (isMetadataProblem(metadata)) return fail(metadata.reason);
  const current = currentStoredEvent({
    type: event.type,
    data: event.data,
    eventId: event.id.toLowerCase(),
    streamId: event.streamId,
    revision,
    position: toGlobalPosition(event.position),
    metadata,
  });
  return current.ok ? current.event : fail(current.reason);
};
