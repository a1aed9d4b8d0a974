export * from './services.js';
export * from './horizon.js';
