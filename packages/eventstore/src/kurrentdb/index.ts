export * from './kurrentdb-event-store.js';
export { MultiStreamAppendUnsupportedError } from './kurrentdb-errors.js';
export { UnmappablePositionError } from './kurrentdb-position.js';
