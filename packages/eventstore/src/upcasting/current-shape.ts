import { isLeft } from 'fp-ts/lib/Either.js';
import { describeErrors } from '../decode-event.js';
import { eventMetadataCodec, isEventMetadata } from '../event-metadata.js';
import type { EventMetadata, StoredEvent } from '../event-store.js';
import { upcasters } from './event-upcasters.js';
import type { UpcasterRegistry } from './upcaster-registry.js';

/** A stored event's data and metadata in today's shape, or why it has none. */
export type CurrentShape =
  | { readonly ok: true; readonly data: unknown; readonly metadata: EventMetadata }
  | { readonly ok: false; readonly reason: string };

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * The one step between a stored row and a StoredEvent, in every adapter: upcast from the stamped
 * schema version, then decode the metadata as today's codec reads it. Only what readers see
 * changes; the stored bytes (and so the hash chain over them) never do.
 */
export const toCurrentShape = (
  type: string,
  data: unknown,
  metadata: unknown,
  registry: UpcasterRegistry = upcasters,
): CurrentShape => {
  if (!isRecord(metadata))
    return { ok: false, reason: 'metadata: expected an object, got ' + JSON.stringify(metadata) };
  const upcast = registry.upcast(type, { data, metadata });
  if (!upcast.ok) return upcast;
  const read = upcast.shape.metadata;
  if (isEventMetadata(read)) return { ok: true, data: upcast.shape.data, metadata: read };
  const decoded = eventMetadataCodec.decode(read);
  if (isLeft(decoded)) return { ok: false, reason: `metadata: ${describeErrors(decoded.left)}` };
  return { ok: true, data: upcast.shape.data, metadata: decoded.right };
};

/**
 * A StoredEvent an adapter built itself (in memory, KurrentDB) in today's shape: the same object
 * when it is already current (most reads), else upcast; or why it cannot be read, for the adapter
 * to report in its own terms.
 */
export const currentStoredEvent = (
  stored: StoredEvent,
):
  | { readonly ok: true; readonly event: StoredEvent }
  | { readonly ok: false; readonly reason: string } => {
  if (stored.metadata.schemaVersion === upcasters.currentVersion(stored.type))
    return { ok: true, event: stored };
  const current = toCurrentShape(stored.type, stored.data, stored.metadata);
  return current.ok
    ? { ok: true, event: { ...stored, data: current.data, metadata: current.metadata } }
    : current;
};
