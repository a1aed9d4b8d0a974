import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type KyselyPlugin,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PooledConnection, SqlClient } from '@erpcore/eventstore';
import type { ReadModels } from './read-models.js';
import { runsOn } from './read-db-client.js';
import { OwnSchemaIntrospector } from './own-schema-introspector.js';

/** The read side's query builder: every read-model table, typed. */
export type ReadDb = Kysely<ReadModels>;

export interface ReadDbOptions {
  /** Kysely plugins, e.g. the API's statement counter. */
  readonly plugins?: KyselyPlugin[];
}

/** Statements that change rows report how many; kysely wants that as `numAffectedRows`. */
const writes = /^\s*(insert|update|delete|merge)\b/i;

class SqlClientConnection implements DatabaseConnection {
  constructor(readonly conn: PooledConnection) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.conn.query<R>(compiled.sql, compiled.parameters);
    return writes.test(compiled.sql)
      ? { rows: result.rows, numAffectedRows: BigInt(result.rowCount) }
      : { rows: result.rows };
  }

  // eslint-disable-next-line require-yield -- the interface wants a generator; SqlClient has no cursors.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error(
      'streamQuery is not supported over SqlClient: page with keyset queries instead',
    );
  }
}

/** Hands kysely the client's connections; the client (and its pool) stays the caller's to close. */
class SqlClientDriver implements Driver {
  constructor(private readonly client: SqlClient) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqlClientConnection(await this.client.acquire());
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const modes = [
      settings.isolationLevel === undefined
        ? undefined
        : `isolation level ${settings.isolationLevel}`,
      settings.accessMode,
    ].filter((m) => m !== undefined);
    await connection.executeQuery(
      CompiledQuery.raw(modes.length === 0 ? 'begin' : `start transaction ${modes.join(', ')}`),
    );
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof SqlClientConnection) connection.conn.release();
  }

  async destroy(): Promise<void> {}
}

/** A kysely dialect over erpcore's `SqlClient`, so one query builder runs on pg and PGlite alike. */
export const createSqlClientDialect = (client: SqlClient): Dialect => ({
  createAdapter: () => new PostgresAdapter(),
  createDriver: () => new SqlClientDriver(client),
  // Its own schema only: see own-schema-introspector.ts.
  createIntrospector: (db) => new OwnSchemaIntrospector(db),
  createQueryCompiler: () => new PostgresQueryCompiler(),
});

/**
 * The read-model database over `client`. `db.destroy()` does not close the client: whoever
 * created the client closes it.
 */
export const createReadDb = (client: SqlClient, options: ReadDbOptions = {}): ReadDb => {
  const db = new Kysely<ReadModels>({
    dialect: createSqlClientDialect(client),
    ...(options.plugins === undefined ? {} : { plugins: options.plugins }),
  });
  // Plugins may rewrite statements or rows: fixed statements then go through kysely like the rest.
  if (options.plugins === undefined) runsOn(db, client);
  return db;
};
