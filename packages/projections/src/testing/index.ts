export * from './backends.js';
export * from './catalog-events.js';
export * from './table-snapshot.js';
export { catchUpProjection } from '../engine/catch-up.js';
export * from './projection-spec.js';
