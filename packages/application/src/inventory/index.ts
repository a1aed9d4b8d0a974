export * from './inventory-kinds.js';
export * from './move-stock.use-case.js';
export * from './post-stock-movement.use-case.js';
export * from './transfer-stock.use-case.js';
export * from './inventory.module.js';
