import type {
  ExpectedRevision,
  EventToAppend,
  StreamAppend,
  StreamRevision,
} from './event-store.js';
import { InvalidEventMetadataError } from './event-metadata.js';
import { toCurrentShape } from './upcasting/current-shape.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks an append before any adapter touches storage, so every adapter refuses the same input:
 * one entry per stream, uuid event ids (lower-cased, as PostgreSQL returns them), metadata the
 * reader decodes (InvalidEventMetadataError otherwise), and an id repeated inside one call kept once.
 */
export const normalizeAppends = (appends: readonly StreamAppend[]): StreamAppend[] => {
  const streams = new Set<string>();
  const ids = new Set<string>();
  return appends.map((append) => {
    if (streams.has(append.streamId))
      throw new TypeError(`appendMulti: stream ${append.streamId} appears twice`);
    streams.add(append.streamId);
    const events: EventToAppend[] = [];
    for (const event of append.events) {
      if (!uuidPattern.test(event.eventId))
        throw new TypeError(`eventId ${event.eventId} is not a uuid`);
      // Read back exactly as a reader will: a version newer than this code knows is refused too.
      const readable = toCurrentShape(event.type, event.data, event.metadata);
      if (!readable.ok) throw new InvalidEventMetadataError(event.eventId, readable.reason);
      const eventId = event.eventId.toLowerCase();
      if (ids.has(eventId)) continue;
      ids.add(eventId);
      events.push({ ...event, eventId });
    }
    return { streamId: append.streamId, expectedRevision: append.expectedRevision, events };
  });
};

/** Whether a stream at `current` (-1n: absent) satisfies `expected`. */
export const revisionMatches = (expected: ExpectedRevision, current: StreamRevision): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1n;
    case 'stream_exists':
      return current >= 0n;
    default:
      return expected === current;
  }
};
