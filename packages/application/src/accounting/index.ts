export * from './chart-snapshots.js';
export * from './accounting-kinds.js';
export * from './chart.use-cases.js';
export * from './journal.use-cases.js';
export * from './accounting.module.js';
export * from './accounting-state-json.js';
