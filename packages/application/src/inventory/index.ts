export * from './inventory-kinds.js';
export * from './transfer-stock.use-case.js';
