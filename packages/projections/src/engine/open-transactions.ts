import type { SqlClient } from '@erpcore/eventstore';

/**
 * Age in seconds of the oldest open transaction that holds a transaction id (a writer) anywhere
 * in the cluster. Readers of the log stop below the oldest running writer, so this is how long
 * every subscriber may be held back. PGlite has no other sessions: always 0.
 */
export const oldestOpenTransactionSeconds = async (client: SqlClient): Promise<number> => {
  if (client.kind === 'pglite') return 0;
  const { rows } = await client.query<{ age: string | number | null }>(
    `select extract(epoch from (now() - min(xact_start)))::float8 as age
       from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()`,
  );
  const age = Number(rows[0]?.age ?? 0);
  return Number.isFinite(age) && age > 0 ? age : 0;
};
