import * as t from 'io-ts';
import type { EventMetadata } from './event-store.js';

/**
 * The one codec of stored event metadata: the reader decodes every row with it and appends are
 * checked with it, so nothing is written that a reader would refuse.
 */
export const eventMetadataCodec: t.Type<EventMetadata, EventMetadata, unknown> = t.intersection([
  t.type({
    actor: t.string,
    correlationId: t.string,
    causationId: t.union([t.string, t.null]),
    occurredAt: t.string,
    schemaVersion: t.number,
  }),
  // The hash of an idempotent command's canonical request (see the application's executor).
  t.partial({ requestHash: t.string }),
]);

/**
 * `eventMetadataCodec.is`, written out: the reader checks every row's metadata, and io-ts spends
 * a context and an intersection merge on each (a catch-up reads a million). It accepts exactly
 * what the codec accepts (a property test holds them together), and the codec still decodes
 * what it refuses, for the error's wording.
 */
export const isEventMetadata = (u: unknown): u is EventMetadata => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  const m = u as Readonly<Record<string, unknown>>;
  const causationId = m['causationId'];
  const requestHash = m['requestHash'];
  return (
    typeof m['actor'] === 'string' &&
    typeof m['correlationId'] === 'string' &&
    (causationId === null || typeof causationId === 'string') &&
    typeof m['occurredAt'] === 'string' &&
    typeof m['schemaVersion'] === 'number' &&
    (requestHash === undefined || typeof requestHash === 'string')
  );
};

/** An append carried metadata the reader could not decode: nothing was written. */
export class InvalidEventMetadataError extends Error {
  override readonly name = 'InvalidEventMetadataError';
  readonly code = 'invalid_event_metadata';
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event ${eventId}: metadata would not read back: ${reason}`);
  }
}
