export * from './sales-kinds.js';
export * from './customer.use-cases.js';
export * from './order.use-cases.js';
export * from './sales.module.js';
export * from './sales-state-json.js';
