import type { StreamRevision } from '../event-store.js';

/** A stream's state as of a revision. */
export interface Snapshot<S> {
  readonly revision: StreamRevision;
  readonly state: S;
}

/** Saved states of streams, so loading reads only the events after the newest snapshot. */
export interface SnapshotStore<S> {
  load(streamId: string): Promise<Snapshot<S> | undefined>;
  /** Keeps the snapshot with the higher revision. */
  save(streamId: string, revision: StreamRevision, state: S): Promise<void>;
}

/** Snapshots in a Map: for tests and the in-memory event store. */
export const createInMemorySnapshotStore = <S>(): SnapshotStore<S> => {
  const snapshots = new Map<string, Snapshot<S>>();
  return {
    load: async (streamId) => snapshots.get(streamId),
    save: async (streamId, revision, state) => {
      const current = snapshots.get(streamId);
      if (current === undefined || current.revision < revision)
        snapshots.set(streamId, { revision, state });
    },
  };
};
