export * from './use-case.js';
export * from './execute.js';
export * from './idempotency.js';
export * from './backoff.js';
export * from './stream-locks.js';
export * from './inventory/index.js';
export * from './erp/index.js';
