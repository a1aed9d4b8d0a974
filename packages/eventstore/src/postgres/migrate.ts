import type { SqlClient } from '../sql/sql-client.js';
import { eventHashFunctionSql, hashChainMigrationSql } from './hash-chain.sql.js';
import { appendBatchFunctionSql } from './append-batch.sql.js';
import { appendSetFunctionSql } from './append-set.sql.js';
import { appendOneFunctionSql } from './append-one.sql.js';
import { anchorsSchemaSql } from './anchors.sql.js';
import { bucketFetchFunctionSql } from '../snapshot/bucket-fetch.sql.js';
import { appendFunctionSql, eventStoreSchemaSql } from './schema.sql.js';

/**
 * Creates the event store's tables and its append function in the connection's schema
 * (search_path). Idempotent; an advisory lock keeps two processes from racing on the DDL.
 * The hash chain's columns come after the tables (and are back-filled on an older log), before
 * the append function that fills them, and the group-commit function that calls it.
 */
export const migrateEventStore = async (client: SqlClient): Promise<void> => {
  await client.transaction(async (tx) => {
    await tx.query(
      `select pg_advisory_xact_lock(hashtext(current_schema() || '.erpcore_eventstore'))`,
    );
    await tx.query(eventStoreSchemaSql);
    await tx.query(eventHashFunctionSql);
    await tx.query(hashChainMigrationSql);
    await tx.query(appendOneFunctionSql);
    await tx.query(appendFunctionSql);
    await tx.query(appendSetFunctionSql);
    await tx.query(appendBatchFunctionSql);
    await tx.query(anchorsSchemaSql);
    await tx.query(bucketFetchFunctionSql);
  });
};
