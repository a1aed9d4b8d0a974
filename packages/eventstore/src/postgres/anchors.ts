import type { Anchor } from '../integrity/log-chain.js';
import { nextLogHash } from '../integrity/log-chain.js';
import type { SqlConnection } from '../sql/sql-client.js';

interface AnchorRow {
  readonly position: string;
  readonly event_count: string;
  readonly log_hash: string;
}

const toAnchor = (row: AnchorRow): Anchor => ({
  position: BigInt(row.position),
  eventCount: BigInt(row.event_count),
  logHash: row.log_hash,
});

/**
 * Records a new anchor over every event that can no longer change (see anchors.sql.ts) and
 * returns the newest anchor, or undefined while the log is empty.
 */
export const anchorEventLog = async (conn: SqlConnection): Promise<Anchor | undefined> => {
  const { rows } = await conn.query<AnchorRow>(
    `select anchor_position::text as position, anchor_count::text as event_count,
            encode(anchor_hash, 'hex') as log_hash from es_anchor()`,
  );
  const row = rows[0];
  return row === undefined ? undefined : toAnchor(row);
};

/** Every anchor in position order. */
export const listAnchors = async (
  conn: SqlConnection,
  range: { readonly from?: bigint; readonly to?: bigint } = {},
): Promise<Anchor[]> => {
  const { rows } = await conn.query<AnchorRow>(
    `select position::text, event_count::text, encode(log_hash, 'hex') as log_hash from anchors
      where position >= $1 and position <= $2 order by position`,
    [range.from ?? 0n, range.to ?? 2n ** 63n - 1n],
  );
  return rows.map(toAnchor);
};

/** The anchors check of a verification. */
export interface AnchorVerification {
  readonly anchorsChecked: number;
  /** The first anchor whose event count or log hash the events no longer reproduce. */
  readonly firstBrokenAnchor?: Anchor;
  /** Events after the newest anchor: covered by their stream chains only, until the next anchor. */
  readonly unanchoredEvents: number;
}

/**
 * Walks (position, hash) of every event in position order, recomputing the global chain, and
 * compares it with each anchor. A deleted event (of any stream, even with its `streams` row)
 * or a deleted-and-recomputed tail changes the count or the hash at every later anchor.
 */
export const verifyAnchors = async (
  conn: SqlConnection,
  pageSize = 5000,
): Promise<AnchorVerification> => {
  const anchors = await listAnchors(conn);
  let anchorIndex = 0;
  let hash: Buffer | null = null;
  let count = 0n;
  let after = -1n;
  let firstBroken: Anchor | undefined;
  let unanchored = 0;
  /** Compares every anchor at or below `upTo` with the chain state after `lastPosition`. */
  const settle = (upTo: bigint): void => {
    for (;;) {
      const anchor = anchors[anchorIndex];
      if (anchor === undefined || anchor.position > upTo) return;
      const intact =
        anchor.position === after &&
        anchor.eventCount === count &&
        hash !== null &&
        hash.toString('hex') === anchor.logHash;
      if (!intact) firstBroken ??= anchor;
      anchorIndex++;
    }
  };
  for (;;) {
    const { rows } = await conn.query<{ position: string; hash: string | null }>(
      `select position::text, encode(hash, 'hex') as hash from events
        where position > $1 order by position limit $2`,
      [after, pageSize],
    );
    for (const row of rows) {
      const position = BigInt(row.position);
      // Anchors strictly before this event must match the state after the previous one.
      settle(position - 1n);
      hash = nextLogHash(hash, row.hash === null ? null : Buffer.from(row.hash, 'hex'));
      count++;
      after = position;
      if (anchorIndex >= anchors.length) unanchored++;
      settle(position);
    }
    if (rows.length < pageSize) break;
  }
  settle(2n ** 63n - 1n);
  return {
    anchorsChecked: anchors.length,
    unanchoredEvents: unanchored,
    ...(firstBroken === undefined ? {} : { firstBrokenAnchor: firstBroken }),
  };
};
