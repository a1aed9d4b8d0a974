import type { ProjectionDefinition } from '../projection-definition.js';
import { ledgerDailyProjection } from './ledger-daily.projection.js';
import { partyAgingProjection } from './party-aging.projection.js';
import { stockValuationProjection } from './stock-valuation.projection.js';

export type * from './reporting.tables.js';
export { ledgerDailyProjection, partyAgingProjection, stockValuationProjection };
export * from './account-report.js';
export * from './trial-balance.query.js';
export * from './profit-and-loss.query.js';
export * from './balance-sheet.query.js';
export * from './aging.query.js';
export * from './stock-valuation.query.js';

/** The reports' projections (they also read `account_tree`, from accounting). */
export const reportingProjections: readonly ProjectionDefinition[] = [
  stockValuationProjection,
  ledgerDailyProjection,
  partyAgingProjection,
];
