import type { SqlClient } from '@erpcore/eventstore';

/** Reads the whole events table by keyset in pages of 1,000 rows, decoding nothing: the ceiling of a catch-up. */
export const rawScan = async (client: SqlClient): Promise<{ rows: number; seconds: number }> => {
  const started = performance.now();
  let rows = 0;
  let from = '0';
  for (;;) {
    const page = await client.query<{ position: string }>(
      // ORDER BY the column, not the text alias of the same name (that sorts the table as text).
      'select e.position::text as position, e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata from events e where e.position > $1 order by e.position limit 1000',
      [from],
    );
    rows += page.rows.length;
    const last = page.rows[page.rows.length - 1];
    if (last === undefined || page.rows.length < 1000) break;
    from = last.position;
  }
  return { rows, seconds: (performance.now() - started) / 1000 };
};
