import { eventColumns } from './event-row.js';

/** Highest bigint: "no upper bound" for backwards reads from the end. */
export const maxBigint = 9223372036854775807n;

// ORDER BY names the table's column (e.position), never the text output alias of the same name:
// sorting positions or revisions as text would put '10' before '9'.

/**
 * Rows below the oldest running transaction only: `position < xmin * 2^20` is the same test as
 * `txid < xmin` (position = txid * 2^20 + index, index < 2^20). The bound is applied outside the
 * LIMIT: inside, an operand unknown at plan time makes PostgreSQL guess a tiny range and sort the
 * whole table per page; outside, the page is a plain primary-key range scan. Held-back rows are
 * always a suffix of the page, so what passes is a gap-free prefix.
 */
export const readAllSql = `select * from (
    select ${eventColumns}, e.position as sort_position from events e
    where e.position > $1 order by e.position limit $2
  ) page
  where page.sort_position < (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576)
  order by page.sort_position`;

export const headPositionSql = `select coalesce(max(e.position), 0)::text as head from events e
  where e.position < (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576)`;

export const readStreamForwardsSql = `select ${eventColumns} from events e
  where e.stream_id = $1 and e.revision >= $2 order by e.revision limit $3`;

export const readStreamBackwardsSql = `select ${eventColumns} from events e
  where e.stream_id = $1 and e.revision <= $2 order by e.revision desc limit $3`;

/** By the unique index on event_id: one probe per id. */
export const readEventsByIdSql = `select ${eventColumns} from events e
  where e.event_id = any($1::uuid[]) order by e.position`;
