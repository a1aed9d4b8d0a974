import type { ProjectionDefinition } from '../projection-definition.js';
import { stockLedgerProjection } from './stock-ledger.projection.js';
import { stockLevelsProjection } from './stock-levels.projection.js';

export type * from './inventory.tables.js';
export * from './stock-levels.projection.js';
export * from './stock-ledger.projection.js';
export * from './product-stock.query.js';
export * from './stock-list.query.js';
export * from './stock-ledger.query.js';

/** The inventory context's projections, for the wiring that migrates and runs them all. */
export const inventoryProjections: readonly ProjectionDefinition[] = [
  stockLevelsProjection,
  stockLedgerProjection,
];
