import type { ProjectionDefinition } from '../projection-definition.js';
import { accountTreeProjection } from './account-tree.projection.js';

export type * from './account-tree.tables.js';
export * from './account.queries.js';
export { accountTreeProjection };

/** The accounting context's projections, for the wiring that migrates and runs them all. */
export const accountingProjections: readonly ProjectionDefinition[] = [accountTreeProjection];
