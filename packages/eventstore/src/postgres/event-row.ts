import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { UndecodableEventError, type StoredEvent } from '../event-store.js';
import { describeErrors } from '../decode-event.js';
import { toCurrentShape } from '../upcasting/current-shape.js';

/** Columns every event query selects (the table aliased `e`); bigints come back as text on both pg and PGlite. */
export const eventColumns =
  'e.position::text as position, e.stream_id, e.revision::text as revision, e.event_id::text as event_id, e.type, e.data, e.metadata';

// The columns are typed by the table; only the jsonb metadata can be malformed.
const rawRowC = t.type({
  position: t.string,
  stream_id: t.string,
  revision: t.string,
  event_id: t.string,
  type: t.string,
  data: t.unknown,
  metadata: t.unknown,
});

type RawRow = t.TypeOf<typeof rawRowC>;

/**
 * `rawRowC.is`, written out: checked once per row read (a catch-up reads a million), where io-ts
 * allocates a context per field. The codec still decodes a row this refuses, for the message.
 */
const isRawRow = (u: unknown): u is RawRow => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
  const r = u as Readonly<Record<string, unknown>>;
  return (
    typeof r['position'] === 'string' &&
    typeof r['stream_id'] === 'string' &&
    typeof r['revision'] === 'string' &&
    typeof r['event_id'] === 'string' &&
    typeof r['type'] === 'string' &&
    Object.hasOwn(r, 'data') &&
    Object.hasOwn(r, 'metadata')
  );
};

/**
 * A row of `events` as a StoredEvent in today's shape (upcast from its schema version); one whose
 * metadata does not decode, or whose version is newer than this code knows, is an UndecodableEventError.
 */
export const toStoredEvent = (row: unknown): StoredEvent => {
  let r: RawRow;
  if (isRawRow(row)) r = row;
  else {
    const decoded = rawRowC.decode(row);
    if (isLeft(decoded)) throw new Error(`malformed events row: ${describeErrors(decoded.left)}`);
    r = decoded.right;
  }
  const base = {
    type: r.type,
    data: r.data,
    eventId: r.event_id,
    streamId: r.stream_id,
    revision: BigInt(r.revision),
    position: BigInt(r.position),
  };
  const current = toCurrentShape(r.type, r.data, r.metadata);
  if (!current.ok)
    throw new UndecodableEventError({ ...base, metadata: r.metadata }, current.reason);
  return { ...base, data: current.data, metadata: current.metadata };
};

/** Rows of a log read in order; an undecodable one fails the read, carrying the events before it. */
export const toStoredEvents = (rows: readonly unknown[]): StoredEvent[] => {
  const events: StoredEvent[] = [];
  for (const row of rows) {
    try {
      events.push(toStoredEvent(row));
    } catch (error) {
      if (error instanceof UndecodableEventError)
        throw new UndecodableEventError(error.row, error.reason, events);
      throw error;
    }
  }
  return events;
};
