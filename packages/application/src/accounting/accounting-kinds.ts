import {
  chartDecider,
  chartEventC,
  journalDecider,
  journalEventC,
  settingsDecider,
  settingsEventC,
  type ChartEvent,
  type ChartState,
  type JournalEvent,
  type JournalState,
  type SettingsEvent,
  type SettingsState,
} from '@erpcore/domain';
import type { SqlClient, StreamModel } from '@erpcore/eventstore';
import { chartLoad, chartSnapshotsFor } from './chart-snapshots.js';

export type ChartModel = StreamModel<ChartEvent, ChartState>;

const chartModels = new WeakMap<SqlClient, ChartModel>();

/**
 * `chart-main` grows with every posting, so it loads from the newest snapshot (kept in memory,
 * durably every 100 events) and folds only the events after it. ONE snapshot store per client in
 * this process, shared by every context that posts (accounting, sales).
 */
export const chartModelFor = (client: SqlClient): ChartModel => {
  let found = chartModels.get(client);
  if (found === undefined) {
    found = {
      initialState: chartDecider.initialState,
      evolve: chartDecider.evolve,
      codec: chartEventC,
      load: chartLoad(chartSnapshotsFor(client)),
    };
    chartModels.set(client, found);
  }
  return found;
};

/**
 * The chart folded from its first event: what the audit replays, and fine for a small chart and
 * tests; commands in a server load it by `chartModelFor(client)` (the chart grows with every
 * posting).
 */
export const foldedChartModel: ChartModel = {
  initialState: chartDecider.initialState,
  evolve: chartDecider.evolve,
  codec: chartEventC,
};

/** A journal entry stream holds one or two events: folded. */
export const journalModel: StreamModel<JournalEvent, JournalState> = {
  initialState: journalDecider.initialState,
  evolve: journalDecider.evolve,
  codec: journalEventC,
};

/** `settings-main`: posting accounts and the lock date; a handful of events, folded. */
export const settingsModel: StreamModel<SettingsEvent, SettingsState> = {
  initialState: settingsDecider.initialState,
  evolve: settingsDecider.evolve,
  codec: settingsEventC,
};
