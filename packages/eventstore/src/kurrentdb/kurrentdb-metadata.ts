import * as t from 'io-ts';
import type { EventMetadata } from '../event-store.js';

/**
 * Our metadata as KurrentDB event metadata: a flat JSON object of strings. A multi-stream append
 * (KurrentDB 25.1+) carries metadata as a map of string properties only, and every append here
 * uses the same shape so an event reads back the same whichever way it was written:
 * `schemaVersion` as decimal text, `causationId` left out when null. Reading ignores other keys
 * (the server adds `$schema.format` and `$schema.name` to multi-stream appends).
 */
export type EncodedMetadata = Readonly<Record<string, string>>;

/**
 * Our metadata with the optional `requestHash` the port is gaining (the hash of an idempotent
 * request, see branch i9a): carried when present, as text like the rest.
 */
export type MetadataWithRequestHash = EventMetadata & { readonly requestHash?: string };

export const encodeMetadata = (metadata: MetadataWithRequestHash): EncodedMetadata => ({
  actor: metadata.actor,
  correlationId: metadata.correlationId,
  ...(metadata.causationId === null ? {} : { causationId: metadata.causationId }),
  occurredAt: metadata.occurredAt,
  schemaVersion: String(metadata.schemaVersion),
  ...(metadata.requestHash === undefined ? {} : { requestHash: metadata.requestHash }),
});

const SchemaVersionC = new t.Type<number, string, unknown>(
  'SchemaVersion',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (u, c) =>
    typeof u === 'string' && /^(0|[1-9]\d{0,14})$/.test(u)
      ? t.success(Number(u))
      : t.failure(u, c, 'schemaVersion must be a whole number written as text'),
  String,
);

const EncodedMetadataC = t.intersection([
  t.type({
    actor: t.string,
    correlationId: t.string,
    occurredAt: t.string,
    schemaVersion: SchemaVersionC,
  }),
  t.partial({ causationId: t.string, requestHash: t.string }),
]);

/** Decoding failed: `reason` names the first bad field. */
export interface MetadataProblem {
  readonly reason: string;
}

/** Our metadata from what the client read (parsed JSON, raw bytes, or nothing). */
export const decodeMetadata = (raw: unknown): EventMetadata | MetadataProblem => {
  const decoded = EncodedMetadataC.decode(raw);
  if (decoded._tag === 'Left') {
    const first = decoded.left[0];
    const path = first?.context
      .map((c) => c.key)
      .filter((k) => k !== '' && !/^\d+$/.test(k))
      .join('.');
    return {
      reason: `metadata${path === undefined || path === '' ? '' : `.${path}`}: ${first?.message ?? 'not an erpcore metadata object'}`,
    };
  }
  const m = decoded.right;
  const metadata: MetadataWithRequestHash = {
    actor: m.actor,
    correlationId: m.correlationId,
    causationId: m.causationId ?? null,
    occurredAt: m.occurredAt,
    schemaVersion: m.schemaVersion,
    ...(m.requestHash === undefined ? {} : { requestHash: m.requestHash }),
  };
  return metadata;
};

export const isMetadataProblem = (
  value: EventMetadata | MetadataProblem,
): value is MetadataProblem => 'reason' in value;
