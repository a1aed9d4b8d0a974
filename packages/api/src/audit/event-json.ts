import { UndecodableEventError, type RawEventRow, type StoredEvent } from '@erpcore/eventstore';

/** A stored event as `/v1/streams/…/events` and `/v1/events` answer it (64-bit numbers as strings). */
export const eventJson = (e: StoredEvent | RawEventRow) => ({
  eventId: e.eventId,
  streamId: e.streamId,
  type: e.type,
  revision: e.revision.toString(),
  position: e.position.toString(),
  data: e.data,
  metadata: e.metadata,
});

/**
 * A log read that met a row whose metadata does not decode: the events before it and that row as
 * it is stored, so an auditor sees it (and pages past it) instead of a 500.
 */
export const undecodedPage = (error: unknown): ReadonlyArray<StoredEvent | RawEventRow> => {
  if (error instanceof UndecodableEventError) return [...error.before, error.row];
  throw error;
};
