export * from './event-store.js';
export * from './sql/sql-client.js';
export * from './sql/connection-errors.js';
export * from './sql/pg-client.js';
export * from './sql/pglite-client.js';
export * from './postgres/migrate.js';
export * from './integrity/log-verification.js';
export { verifyEventLog, defaultVerifyPageSize } from './postgres/verify-log.js';
export * from './integrity/log-chain.js';
export {
  anchorEventLog,
  listAnchors,
  verifyAnchors,
  type AnchorVerification,
} from './postgres/anchors.js';
export * from './postgres/export-log.js';
export * from './postgres/anchor-schedule.js';
export * from './integrity/verify-export.js';
export * from './postgres/postgres-event-store.js';
export { appendWithin } from './postgres/append-sql.js';
export { eventsChannel, wrongExpectedRevisionSqlState } from './postgres/schema.sql.js';
export * from './in-memory/in-memory-event-store.js';
export * from './subscription.js';
export * from './decode-event.js';
export * from './event-metadata.js';
export * from './command/command-context.js';
export * from './command/concurrency-error.js';
export * from './command/stream-model.js';
export * from './command/load-stream.js';
export * from './command/retry-on-conflict.js';
export * from './command/state-not-loaded.js';
export * from './command/keyed-locks.js';
export * from './command/handle-command.js';
export * from './command/handle-multi-stream-command.js';
export * from './snapshot/snapshot-store.js';
export * from './snapshot/sql-snapshot-store.js';
export * from './snapshot/bucket-snapshot-store.js';
export * from './postgres/notifier.js';
export * from './upcasting/upcaster-registry.js';
export * from './upcasting/event-upcasters.js';
export * from './upcasting/current-shape.js';
