import type { GlobalPosition } from '../event-store.js';
import type { LogVerification, VerifyOptions } from '../integrity/log-verification.js';
import type { SqlConnection } from '../sql/sql-client.js';
import { verifyAnchors } from './anchors.js';
import { brokenStreamHeadSql, countEventsSql, verifyPageSql } from './hash-chain.sql.js';

interface PageRow {
  readonly checked: string;
  readonly last_position: string | null;
  readonly broken: string;
  readonly first_broken: string | null;
  readonly first_broken_stream: string | null;
}

/** Events per verification query unless the caller says otherwise. */
export const defaultVerifyPageSize = 1000;

/**
 * Recomputes every event's hash in global order, a page per query (so a long log neither sits
 * in memory nor holds one long statement), then checks each stream's recorded head against its
 * last event. Works on pg and PGlite alike; run `migrateEventStore` first.
 */
export const verifyEventLog = async (
  conn: SqlConnection,
  options: VerifyOptions = {},
): Promise<LogVerification> => {
  const pageSize = options.pageSize ?? defaultVerifyPageSize;
  const { rows: countRows } = await conn.query<{ n: string }>(countEventsSql);
  const total = Number(countRows[0]?.n ?? '0');
  let after: GlobalPosition = 0n;
  let checked = 0;
  let broken = 0;
  let firstBroken: { position: GlobalPosition; streamId: string } | undefined;
  for (;;) {
    const { rows } = await conn.query<PageRow>(verifyPageSql, [after, pageSize]);
    const page = rows[0];
    const n = Number(page?.checked ?? '0');
    if (page === undefined || n === 0 || page.last_position === null) break;
    checked += n;
    broken += Number(page.broken);
    if (firstBroken === undefined && page.first_broken !== null)
      firstBroken = {
        position: BigInt(page.first_broken),
        streamId: page.first_broken_stream ?? '',
      };
    after = BigInt(page.last_position);
    options.onProgress?.({ done: checked, total });
    if (n < pageSize) break;
  }
  const { rows: heads } = await conn.query<{ stream_id: string }>(brokenStreamHeadSql);
  const brokenHead = heads[0]?.stream_id;
  const anchors = await verifyAnchors(conn);
  const ok =
    firstBroken === undefined &&
    brokenHead === undefined &&
    anchors.firstBrokenAnchor === undefined;
  return {
    ok,
    checkedEvents: checked,
    brokenEvents: broken,
    ...anchors,
    ...(firstBroken === undefined
      ? brokenHead === undefined
        ? {}
        : { brokenStreamId: brokenHead }
      : { firstBrokenPosition: firstBroken.position, brokenStreamId: firstBroken.streamId }),
  };
};
