import { createHash } from 'node:crypto';

/**
 * The global chain's step, the same as SQL `es_log_hash` (anchors.sql.ts):
 * `sha256(previous log hash ‖ event hash)`, the previous one empty for the log's first event.
 */
export const nextLogHash = (previous: Uint8Array | null, eventHash: Uint8Array | null): Buffer =>
  createHash('sha256')
    .update(previous ?? new Uint8Array())
    .update(eventHash ?? new Uint8Array())
    .digest();

/** The per-stream step, the same as SQL `es_event_hash` given the canonical text it hashes. */
export const nextEventHash = (previous: Uint8Array | null, canonical: string): Buffer =>
  createHash('sha256')
    .update(previous ?? new Uint8Array())
    .update(Buffer.from(canonical, 'utf8'))
    .digest();

/** An anchor: the global chain's state after every event up to `position`. */
export interface Anchor {
  readonly position: bigint;
  readonly eventCount: bigint;
  /** Hex. */
  readonly logHash: string;
}
