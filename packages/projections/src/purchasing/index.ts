import type { ProjectionDefinition } from '../projection-definition.js';
import { purchaseOrderListProjection } from './purchase-order-list.projection.js';
import { supplierBalancesProjection } from './supplier-balances.projection.js';

export type * from './purchasing.tables.js';
export * from './supplier.queries.js';
export * from './purchase-order.queries.js';
export { supplierBalancesProjection, purchaseOrderListProjection };

/** The purchasing context's list read models, for the projector and migrations to register. */
export const purchasingProjections: readonly ProjectionDefinition[] = [
  supplierBalancesProjection,
  purchaseOrderListProjection,
];
