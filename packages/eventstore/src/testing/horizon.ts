import type { SqlConnection } from '../sql/sql-client.js';

/**
 * Waits until every event in the log sits below the oldest running transaction of the whole
 * cluster. Readers, catch-up and anchors stop at that horizon, so a transaction another test file
 * (or any process) began before our appends would hide them for as long as it runs.
 */
export const horizonPassed = async (conn: SqlConnection, timeoutMs = 25_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await conn.query<{ passed: boolean }>(
      `select coalesce(max(position), -1)
                < pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576 as passed
         from events`,
    );
    if (rows[0]?.passed === true) return;
    if (Date.now() > deadline)
      throw new Error(`a transaction held the horizon below the log's end for ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
