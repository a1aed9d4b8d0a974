export * from './shared/index.js';
export * from './catalog/index.js';
export * from './accounting/index.js';
export * from './inventory/index.js';
export * from './sales/index.js';
export * from './settings/index.js';
export * from './purchasing/index.js';
export * from './event-upcasters.js';
