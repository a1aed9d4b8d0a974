import { createHash } from 'node:crypto';
import type { StoredEvent } from '../event-store.js';
import { isRecord } from '@erpcore/domain';

/** JSON with object keys sorted, so equal values always encode (and hash) the same. */
const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
};

/**
 * The in-memory adapter's chained hash: sha256(previous hash ‖ canonical JSON of stream id,
 * revision, event id, type, data, metadata). Same idea as the SQL `es_event_hash`; the bytes
 * differ (its canonical form is PostgreSQL's jsonb text), which is fine: a hash is only ever
 * checked by the adapter that made it.
 */
export const eventHash = (previous: Buffer | undefined, event: StoredEvent): Buffer =>
  createHash('sha256')
    .update(previous ?? Buffer.alloc(0))
    .update(
      canonicalJson([
        event.streamId,
        event.revision.toString(),
        event.eventId,
        event.type,
        event.data,
        event.metadata,
      ]),
    )
    .digest();
