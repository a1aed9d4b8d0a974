export * from './catalog-kinds.js';
export * from './create-catalog-entry.use-cases.js';
export * from './catalog.module.js';
