import {
  chartDecider,
  chartEventC,
  settingsDecider,
  settingsEventC,
  type ChartEvent,
  type ChartState,
  type SettingsEvent,
  type SettingsState,
} from '@erpcore/domain';
import type { StreamModel } from '@erpcore/eventstore';

/** `settings-<company>`: a handful of events, folded. */
export const settingsModel: StreamModel<SettingsEvent, SettingsState> = {
  initialState: settingsDecider.initialState,
  evolve: settingsDecider.evolve,
  codec: settingsEventC,
};

/**
 * The chart folded from its first event: fine for a small chart and tests; a server passes its
 * snapshot-loaded model instead (the chart grows with every posting).
 */
export const foldedChartModel: StreamModel<ChartEvent, ChartState> = {
  initialState: chartDecider.initialState,
  evolve: chartDecider.evolve,
  codec: chartEventC,
};

/** The chart's stream model, however it loads. */
export type ChartModel = StreamModel<ChartEvent, ChartState>;
