export * from './names.js';
export * from './warehouse.events.js';
export * from './warehouse.commands.js';
export * from './warehouse.decider.js';
export * from './product.events.js';
export * from './product.commands.js';
export * from './product.decider.js';
