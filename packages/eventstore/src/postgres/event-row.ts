import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import type { EventMetadata, StoredEvent } from '../event-store.js';

/** Columns every event query selects (the table aliased `e`); bigints come back as text on both pg and PGlite. */
export const eventColumns =
  'e.position::text as position, e.stream_id, e.revision::text as revision, e.event_id::text as event_id, e.type, e.data, e.metadata';

const metadataC = t.intersection([
  t.type({
    actor: t.string,
    correlationId: t.string,
    causationId: t.union([t.string, t.null]),
    occurredAt: t.string,
    schemaVersion: t.number,
  }),
  t.partial({ requestHash: t.string }),
]);

const rowC = t.type({
  position: t.string,
  stream_id: t.string,
  revision: t.string,
  event_id: t.string,
  type: t.string,
  data: t.unknown,
  metadata: metadataC,
});

/** A row of `events` as a StoredEvent; a row that does not have the expected shape fails loudly. */
export const toStoredEvent = (row: unknown): StoredEvent => {
  const decoded = rowC.decode(row);
  if (isLeft(decoded)) throw new Error(`malformed events row: ${JSON.stringify(row)}`);
  const r = decoded.right;
  const metadata: EventMetadata = r.metadata;
  return {
    type: r.type,
    data: r.data,
    eventId: r.event_id,
    streamId: r.stream_id,
    revision: BigInt(r.revision),
    position: BigInt(r.position),
    metadata,
  };
};
