import type { SqlConnection } from '../sql/sql-client.js';
import { nextLogHash } from '../integrity/log-chain.js';
import type {
  ExportAnchorLine,
  ExportEventLine,
  ExportHeaderLine,
  ExportLine,
  ExportState,
} from '../integrity/verify-export.js';

/** Where an export starts and ends: positions, or times (the events created in that interval). */
export type ExportBound =
  | { readonly kind: 'position'; readonly position: bigint }
  | { readonly kind: 'time'; readonly at: Date };

export interface ExportOptions {
  readonly from?: ExportBound;
  readonly to?: ExportBound;
  readonly pageSize?: number;
}

interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly event_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created_at: string;
  readonly hash: string | null;
  readonly prev_hash: string | null;
  readonly canonical: string;
}

const maxPosition = 2n ** 63n - 1n;

const resolve = async (
  conn: SqlConnection,
  bound: ExportBound | undefined,
  edge: 'from' | 'to',
): Promise<bigint> => {
  if (bound === undefined) return edge === 'from' ? 0n : maxPosition;
  if (bound.kind === 'position') return bound.position;
  const { rows } = await conn.query<{ p: string | null }>(
    edge === 'from'
      ? 'select min(position)::text as p from events where created_at >= $1'
      : 'select max(position)::text as p from events where created_at <= $1',
    [bound.at.toISOString()],
  );
  const p = rows[0]?.p ?? null;
  // No event in the interval: an empty range (from past everything, or to before everything).
  if (p === null) return edge === 'from' ? maxPosition : -1n;
  return BigInt(p);
};

/**
 * The global chain's state just before `from`: from the newest anchor below it, extended over the
 * events in between. Events deleted there show at the first anchor the export carries.
 */
const stateBefore = async (conn: SqlConnection, from: bigint): Promise<ExportState> => {
  const { rows: anchorRows } = await conn.query<{ position: string; n: string; h: string }>(
    `select position::text, event_count::text as n, encode(log_hash, 'hex') as h from anchors
      where position < $1 order by position desc limit 1`,
    [from],
  );
  const anchor = anchorRows[0];
  let hash: Buffer | null = anchor === undefined ? null : Buffer.from(anchor.h, 'hex');
  let count = anchor === undefined ? 0n : BigInt(anchor.n);
  let after = anchor === undefined ? -1n : BigInt(anchor.position);
  for (;;) {
    const { rows } = await conn.query<{ position: string; hash: string | null }>(
      `select position::text, encode(hash, 'hex') as hash from events
        where position > $1 and position < $2 order by position limit 5000`,
      [after, from],
    );
    for (const row of rows) {
      hash = nextLogHash(hash, row.hash === null ? null : Buffer.from(row.hash, 'hex'));
      count++;
      after = BigInt(row.position);
    }
    if (rows.length < 5000) break;
  }
  return {
    position: after.toString(),
    eventCount: count.toString(),
    logHash: hash === null ? null : hash.toString('hex'),
  };
};

/**
 * The lines of an export (JSON lines; see verify-export.ts for their shapes): a header with the
 * global chain's state before the first event, each event with the exact text its hash covers
 * and its stream predecessor's hash, the anchors inside the range where they fall, and an end
 * line with the chain's state after the last event. `verifyExport` checks them with no database.
 */
export async function* exportEventLog(
  conn: SqlConnection,
  options: ExportOptions = {},
): AsyncGenerator<ExportLine> {
  const pageSize = options.pageSize ?? 1000;
  const from = await resolve(conn, options.from, 'from');
  const to = await resolve(conn, options.to, 'to');
  const start = await stateBefore(conn, from);
  const header: ExportHeaderLine = {
    kind: 'header',
    format: 'erpcore-audit-export/1',
    from: from.toString(),
    to: to.toString(),
    start,
  };
  yield header;
  const { rows: anchorRows } = await conn.query<{ position: string; n: string; h: string }>(
    `select position::text, event_count::text as n, encode(log_hash, 'hex') as h from anchors
      where position >= $1 and position <= $2 order by position`,
    [from, to],
  );
  const anchors: ExportAnchorLine[] = anchorRows.map((a) => ({
    kind: 'anchor',
    position: a.position,
    eventCount: a.n,
    logHash: a.h,
  }));
  let anchorIndex = 0;
  let hash: Buffer | null = start.logHash === null ? null : Buffer.from(start.logHash, 'hex');
  let count = BigInt(start.eventCount);
  let after = from - 1n;
  let last = start.position;
  for (;;) {
    const { rows } = await conn.query<EventRow>(
      `select e.position::text, e.stream_id, e.revision::text, e.event_id::text, e.type, e.data,
              e.metadata, to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
              encode(e.hash, 'hex') as hash, encode(p.hash, 'hex') as prev_hash,
              jsonb_build_array(e.stream_id, e.revision::text, e.event_id::text, e.type, e.data, e.metadata)::text as canonical
         from events e
         left join events p on p.stream_id = e.stream_id and p.revision = e.revision - 1
        where e.position > $1 and e.position <= $2 order by e.position limit $3`,
      [after, to, pageSize],
    );
    for (const row of rows) {
      const position = BigInt(row.position);
      for (
        let a = anchors[anchorIndex];
        a !== undefined && BigInt(a.position) < position;
        a = anchors[++anchorIndex]
      )
        yield a;
      const line: ExportEventLine = {
        kind: 'event',
        position: row.position,
        streamId: row.stream_id,
        revision: row.revision,
        eventId: row.event_id,
        type: row.type,
        data: row.data,
        metadata: row.metadata,
        createdAt: row.created_at,
        prevHash: row.prev_hash,
        hash: row.hash,
        canonical: row.canonical,
      };
      yield line;
      hash = nextLogHash(hash, row.hash === null ? null : Buffer.from(row.hash, 'hex'));
      count++;
      after = position;
      last = row.position;
    }
    if (rows.length < pageSize) break;
  }
  for (let a = anchors[anchorIndex]; a !== undefined; a = anchors[++anchorIndex]) yield a;
  yield {
    kind: 'end',
    end: {
      position: last,
      eventCount: count.toString(),
      logHash: hash === null ? null : hash.toString('hex'),
    },
  };
}
