import { chartBucketCodec, chartStateC, type ChartEvent, type ChartState } from '@erpcore/domain';
import {
  createBucketSnapshotStore,
  createSqlSnapshotStore,
  type BucketSnapshotStore,
  type LoadStrategy,
  type Snapshot,
  type SnapshotStore,
  type SqlClient,
} from '@erpcore/eventstore';

/** How many chart events may separate two durable snapshots. */
export const durableSnapshotEvery = 100n;

/** The chart's durable snapshots: bucketed (one row a bucket), reading the jsonb form before it. */
export const createChartDurableSnapshots = (client: SqlClient): BucketSnapshotStore<ChartState> =>
  createBucketSnapshotStore(client, chartBucketCodec, {
    fallback: createSqlSnapshotStore(client, chartStateC),
  });

/**
 * The chart's snapshot store: the newest state kept in this process (saved after every command;
 * the state is a persistent structure, so keeping it costs nothing and loading it decodes nothing),
 * backed by a durable bucketed snapshot every `durableSnapshotEvery` events for a fresh process,
 * which reads the head and then only the buckets its commands touch (docs/architecture.md, Accounting). Either
 * way the handler then reads only the events after the snapshot's revision, so another process's
 * appends are never missed. A state whose buckets turn out gone or corrupt is dropped, and the
 * stream loads again without that snapshot. A database without the snapshot tables (a read model
 * database apart from the event store) only loses the durable layer.
 */
export const createChartSnapshots = (client: SqlClient): SnapshotStore<ChartState> => {
  const memory = new Map<string, Snapshot<ChartState>>();
  let durable: BucketSnapshotStore<ChartState> | undefined = createChartDurableSnapshots(client);
  let persisted = -1n;
  const disable = (error: unknown): undefined => {
    process.emitWarning(`chart snapshots stay in memory only: ${String(error)}`);
    durable = undefined;
    return undefined;
  };
  return {
    load: async (streamId) => {
      if (durable?.takeBroken(streamId) === true) memory.delete(streamId);
      const kept = memory.get(streamId);
      if (kept !== undefined) return kept;
      // Kept at once: an attempt rerun after fetching a bucket finds the same state, buckets and all.
      const loaded = await durable?.load(streamId).catch(disable);
      if (loaded !== undefined) memory.set(streamId, loaded);
      return loaded;
    },
    save: async (streamId, revision, state) => {
      const kept = memory.get(streamId);
      if (kept === undefined || kept.revision < revision) memory.set(streamId, { revision, state });
      if (durable === undefined || revision - persisted < durableSnapshotEvery) return;
      persisted = revision;
      await durable.save(streamId, revision, state).catch(disable);
    },
  };
};

const shared = new WeakMap<SqlClient, SnapshotStore<ChartState>>();

/** The one chart snapshot store of a client in this process, so every context's chart commands share the in-memory state. */
export const chartSnapshotsFor = (client: SqlClient): SnapshotStore<ChartState> => {
  let found = shared.get(client);
  if (found === undefined) {
    found = createChartSnapshots(client);
    shared.set(client, found);
  }
  return found;
};

/** The chart's load strategy: snapshot after every command (in memory; durably every 100 events). */
export const chartLoad = (
  snapshots: SnapshotStore<ChartState>,
): LoadStrategy<ChartEvent, ChartState> => ({ kind: 'snapshot', snapshots, every: 1 });
