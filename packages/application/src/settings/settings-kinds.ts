export { foldedChartModel, settingsModel } from '../accounting/accounting-kinds.js';
export type { ChartModel } from '../accounting/accounting-kinds.js';
