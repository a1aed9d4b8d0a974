import { eventUpcasters } from '@erpcore/domain';
import { createUpcasterRegistry, type UpcasterRegistry } from './upcaster-registry.js';

/**
 * THE registry: writers stamp `currentVersion(type)` and every adapter's read path upcasts with
 * it, so no reader (decider, projection, audit, CLI) can meet an old version or forget to upcast.
 */
export const upcasters: UpcasterRegistry = createUpcasterRegistry(eventUpcasters);
