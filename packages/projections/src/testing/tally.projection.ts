import { sql } from 'kysely';
import type { ProjectionDefinition } from '../projection-definition.js';

declare module '../read-models.js' {
  interface ReadModels {
    /** Test-only: counts every event applied. `n = n + 1` is not idempotent, so a batch applied twice shows. */
    tally: { id: string; n: string | bigint | number };
  }
}

/** A projection that counts what it applied: proves "nothing twice" after crashes and replays. */
export const tallyProjection = (
  types: readonly string[] = ['WarehouseCreated', 'ProductCreated', 'SomethingElseHappened'],
): ProjectionDefinition => ({
  name: 'tally',
  version: 1,
  tables: ['tally'],
  createTables: async (db) => {
    await db.schema
      .createTable('tally')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .execute();
  },
  handles: types,
  apply: async (trx, event) => {
    await sql`insert into tally (id, n) values (${event.type}, 1) on conflict (id) do update set n = tally.n + 1`.execute(
      trx,
    );
  },
});
