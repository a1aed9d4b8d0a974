import type { GlobalPosition } from '../positions.js';
import type { Anchor } from './log-chain.js';

/**
 * Tamper evidence: every stored event carries `hash = sha256(previous hash in its stream ‖
 * canonical encoding of stream id, revision, event id, type, data, metadata)`, and each stream
 * records the hash of its last event. Verifying recomputes every hash in global order.
 */

/** How a verification reports its progress (a long log takes a while). */
export interface VerifyProgress {
  /** Events checked so far. */
  readonly done: number;
  /** Events in the log when the verification started. */
  readonly total: number;
}

export interface VerifyOptions {
  /** Events checked per query (default 1,000). */
  readonly pageSize?: number;
  /** Called after every page. */
  readonly onProgress?: (progress: VerifyProgress) => void;
}

/** The answer of a verification. */
export interface LogVerification {
  /** True when every hash, every link to the previous event and every stream head verifies. */
  readonly ok: boolean;
  readonly checkedEvents: number;
  /** Events whose hash or link to their predecessor does not verify. */
  readonly brokenEvents: number;
  /**
   * The first event in global order whose hash does not match its content, or whose previous
   * event in the stream is missing (an edited, deleted or reordered event shows here).
   */
  readonly firstBrokenPosition?: GlobalPosition;
  /**
   * The stream of the first break: that of `firstBrokenPosition`, or else a stream whose recorded
   * head (revision and hash) is not its last event: its tail or the whole stream was deleted.
   */
  readonly brokenStreamId?: string;
  /** Anchors compared with the global chain recomputed from the events (anchors.sql.ts). */
  /** (PostgreSQL and PGlite stores; an in-memory log keeps no anchors.) */
  readonly anchorsChecked?: number;
  /**
   * The first anchor the events no longer reproduce: an event at or below it was deleted (also a
   * whole stream with its `streams` row), inserted or edited.
   */
  readonly firstBrokenAnchor?: Anchor;
  /** Events after the newest anchor, covered by their stream chains only until the next anchor. */
  readonly unanchoredEvents?: number;
}
