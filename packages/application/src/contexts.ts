import { catalogModule } from './catalog/catalog.module.js';
import type { ContextModule } from './context-module.js';
import { inventoryModule } from './inventory/inventory.module.js';

/**
 * Every bounded context, in the order their projections migrate. Adding a context is its module
 * and one line here; the CLI's projections, the API's stream kinds and the audit read this list.
 */
export const contexts: readonly ContextModule[] = [catalogModule, inventoryModule];
