import type { StoredEvent } from '@erpcore/eventstore';

/** A stored event as `/v1/streams/…/events` and `/v1/events` answer it (64-bit numbers as strings). */
export const eventJson = (e: StoredEvent) => ({
  eventId: e.eventId,
  streamId: e.streamId,
  type: e.type,
  revision: e.revision.toString(),
  position: e.position.toString(),
  data: e.data,
  metadata: e.metadata,
});
