import { chartDecider, chartEventC, type ChartEvent, type ChartState } from '@erpcore/domain';
import type { StreamModel } from '@erpcore/eventstore';

export { settingsModel } from '../accounting/accounting-kinds.js';

/**
 * The chart folded from its first event: fine for a small chart and tests; a server passes its
 * snapshot-loaded model instead (the chart grows with every posting).
 */
export const foldedChartModel: StreamModel<ChartEvent, ChartState> = {
  initialState: chartDecider.initialState,
  evolve: chartDecider.evolve,
  codec: chartEventC,
};

export type { ChartModel } from '../accounting/accounting-kinds.js';
