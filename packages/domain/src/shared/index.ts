export * from './scaled-decimal.js';
export * from './quantity.js';
export * from './money.js';
export * from './id.js';
export * from './domain-error.js';
export * from './decider.js';
export * from './stream-ids.js';
export * from './decider-spec.js';
