export * from './read-models.js';
export * from './read-db.js';
export * from './projection-definition.js';
export * from './keyset-cursor.js';
export * from './read-query.js';
export { fixedStatement, type FixedStatement } from './fixed-statement.js';
export { observedReadDb, type StatementSink, type StatementTotals } from './observed-read-db.js';
export { migrateReadModels, readModelMigrations } from './engine/migrate.js';
export { createProjector, type Projector, type ProjectorOptions } from './engine/projector.js';
export {
  createProjectionProgress,
  type ProjectionProgress,
  type ProjectionProgressOptions,
  type ProjectionStatus,
} from './engine/projection-progress.js';
export { rebuildProjection, RebuildFailedError, type RebuildOptions } from './engine/rebuild.js';
export { catchUpProjection, type CatchUpOptions } from './engine/catch-up.js';
export { projectionsChannel } from './engine/checkpoint-store.js';
export { oldestOpenTransactionSeconds } from './engine/open-transactions.js';
export type { EngineLogger } from './engine/logger.js';
export { warehousesProjection } from './catalog/warehouses.projection.js';
export { productsProjection } from './catalog/products.projection.js';
export * from './catalog/catalog-queries.js';
/** Every projection this package defines (contexts append theirs in their own index). */
export { catalogProjections } from './catalog/catalog-projections.js';
export * from './inventory/index.js';
export * from './accounting/index.js';
export * from './sales/index.js';
export * from './reporting/index.js';
export * from './purchasing/index.js';
export {
  replayAndCompare,
  type ReplayComparison,
  type ReplayCompareOptions,
  type TableDifference,
} from './engine/replay-compare.js';
