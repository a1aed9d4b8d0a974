export * from './chart-snapshots.js';
export * from './run-chart-command.js';
export * from './run-entry-command.js';
