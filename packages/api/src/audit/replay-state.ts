import { decodeEvent, type EventStore, type StreamRevision } from '@erpcore/eventstore';
import type { AuditStreamModel } from './stream-models.js';

/** Where to stop replaying: at a global position, or at a time (inclusive both). */
export type ReplayPoint =
  | { readonly kind: 'position'; readonly position: bigint }
  | { readonly kind: 'time'; readonly at: Date }
  | { readonly kind: 'latest' };

export interface ReplayedState {
  /** False when the stream has no event at all. */
  readonly exists: boolean;
  /** Revision of the last event folded; null when none was at or before the point. */
  readonly revision: StreamRevision | null;
  readonly state: unknown;
}

/** Events read per page: a long stream (the chart) is folded without holding it in memory. */
const pageSize = 1000;

const reached = (point: ReplayPoint, position: bigint, occurredAt: string): boolean =>
  point.kind === 'latest'
    ? false
    : point.kind === 'position'
      ? position > point.position
      : Date.parse(occurredAt) > point.at.getTime();

/**
 * Folds a stream from its first event up to the point. A state is only meaningful for a prefix
 * of the stream, so replay stops at the first event past the point (revision order), even if a
 * later revision had an earlier position or clock.
 */
export const replayState = async (
  store: EventStore,
  model: AuditStreamModel,
  streamId: string,
  point: ReplayPoint,
): Promise<ReplayedState> => {
  let state = model.initialState;
  let revision: StreamRevision | null = null;
  let from: StreamRevision = 0n;
  let exists = false;
  for (;;) {
    const page = await store.readStream(streamId, { fromRevision: from, maxCount: pageSize });
    if (page.length > 0) exists = true;
    for (const stored of page) {
      if (reached(point, stored.position, stored.metadata.occurredAt))
        return { exists, revision, state };
      state = model.evolve(state, decodeEvent(model.codec, stored));
      revision = stored.revision;
    }
    if (page.length < pageSize) return { exists, revision, state };
    from = (revision ?? -1n) + 1n;
  }
};
