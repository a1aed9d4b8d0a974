import type { ProjectionDefinition } from '@erpcore/projections';
import { accountingModule } from './accounting/accounting.module.js';
import { catalogModule } from './catalog/catalog.module.js';
import type { ContextModule } from './context-module.js';
import { purchasingModule } from './erp/purchasing.module.js';
import { inventoryModule } from './inventory/inventory.module.js';
import { reportingModule } from './reporting/reporting.module.js';
import { salesModule } from './sales/sales.module.js';

/**
 * Every bounded context, in the order their projections migrate. Adding a context is its module
 * and one line here; the CLI's projections, the API's `X-Min-Position` owners and the audit's
 * stream models all read this list.
 */
export const contexts: readonly ContextModule[] = [
  catalogModule,
  inventoryModule,
  accountingModule,
  salesModule,
  purchasingModule,
  reportingModule,
];

/** Every projection of the system, as a projector process runs and migrates them. */
export const allProjections: readonly ProjectionDefinition[] = contexts.flatMap(
  (c) => c.projections,
);
