export * from './erp-kinds.js';
export * from './stock-roles.js';
export * from './purchasing.use-cases.js';
export * from './fulfilment.use-cases.js';
export * from './posting-chart.js';
export * from './money-field.js';
export * from './purchasing-state-json.js';
export * from './purchasing.module.js';
