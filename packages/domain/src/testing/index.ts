export * from './erp-world.js';
export * from './buy-sell-flow.js';
