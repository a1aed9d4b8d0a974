import type { EventUpcaster } from './shared/event-upcaster.js';
import { inventoryUpcasters } from './inventory/stock-adjusted.upcaster.js';

/**
 * Every upcaster of every context: the event store builds its one registry from this list, so
 * the version a writer stamps and the chain a reader runs come from the same place.
 */
export const eventUpcasters: readonly EventUpcaster[] = [...inventoryUpcasters];
