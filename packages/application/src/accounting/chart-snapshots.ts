import { chartStateC, type ChartEvent, type ChartState } from '@erpcore/domain';
import {
  createInMemorySnapshotStore,
  createSqlSnapshotStore,
  type LoadStrategy,
  type SnapshotStore,
  type SqlClient,
} from '@erpcore/eventstore';

/** How many chart events may separate two durable snapshots. */
export const durableSnapshotEvery = 100n;

/**
 * The chart's snapshot store: the newest state kept in this process (saved after every command;
 * the state is a persistent structure, so keeping it costs nothing and loading it decodes nothing),
 * backed by a durable snapshot in the `snapshots` table every `durableSnapshotEvery` events for a
 * fresh process. Either way the handler then reads only the events after the snapshot's revision,
 * so another process's appends are never missed. A database without the `snapshots` table (a read
 * model database apart from the event store) only loses the durable layer.
 */
export const createChartSnapshots = (client: SqlClient): SnapshotStore<ChartState> => {
  const memory = createInMemorySnapshotStore<ChartState>();
  let durable: SnapshotStore<ChartState> | undefined = createSqlSnapshotStore(client, chartStateC);
  let persisted = -1n;
  const disable = (error: unknown): undefined => {
    process.emitWarning(`chart snapshots stay in memory only: ${String(error)}`);
    durable = undefined;
    return undefined;
  };
  return {
    load: async (streamId) =>
      (await memory.load(streamId)) ?? (await durable?.load(streamId).catch(disable)),
    save: async (streamId, revision, state) => {
      await memory.save(streamId, revision, state);
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
