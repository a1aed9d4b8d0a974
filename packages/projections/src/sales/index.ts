import type { ProjectionDefinition } from '../projection-definition.js';
import { customerBalancesProjection } from './customer-balances.projection.js';
import { orderListProjection } from './order-list.projection.js';

export * from './sales-tables.js';
export * from './order.queries.js';
export * from './customer.queries.js';
export { orderListProjection, customerBalancesProjection };

/** The sales context's projections, for the projector and migrations to register. */
export const salesProjections: readonly ProjectionDefinition[] = [
  orderListProjection,
  customerBalancesProjection,
];
