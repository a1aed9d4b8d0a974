import type { ProjectionDefinition } from '../projection-definition.js';
import { productsProjection } from './products.projection.js';
import { warehousesProjection } from './warehouses.projection.js';

/** The catalog's projections, in the order they are migrated. */
export const catalogProjections: readonly ProjectionDefinition[] = [
  warehousesProjection,
  productsProjection,
];
