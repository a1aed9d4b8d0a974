import { sql } from 'kysely';
import type { ReadDb } from '../read-db.js';

/** Every row of `table` as JSON text, sorted: two snapshots are equal iff the tables hold the same rows. */
export const snapshotTable = async (db: ReadDb, table: string): Promise<string[]> => {
  const { rows } = await sql<{
    row: string;
  }>`select row_to_json(t)::text as row from ${sql.table(table)} t`.execute(db);
  return rows.map((r) => r.row).sort();
};
