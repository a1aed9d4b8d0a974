export * from './erp-world.js';
