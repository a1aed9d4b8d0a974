import type { GlobalPosition, SqlClient } from '@erpcore/eventstore';

/** Lag is counted exactly up to this many events; beyond it the figure says "at least". */
export const lagCountCap = 10_000;

export interface Lag {
  readonly events: number;
  readonly seconds: number;
}

/**
 * The newest COMMITTED event, whether or not readers may see it yet. Readers stop below the
 * oldest running writer (the horizon); measuring lag against what they can see would show 0
 * while a forgotten transaction holds every projection back.
 */
export const committedHead = async (client: SqlClient): Promise<GlobalPosition> => {
  const { rows } = await client.query<{ head: string }>(
    'select coalesce(max(position), 0)::text as head from events',
  );
  return BigInt(rows[0]?.head ?? '0');
};

const secondsSince = (iso: unknown, now: number): number => {
  const at = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return Number.isFinite(at) ? Math.max(0, (now - at) / 1000) : 0;
};

/**
 * How far `position` is behind the committed head: events after it (capped) and the age of the
 * oldest one not yet projected. Plain SQL over the rows, so an event whose metadata does not
 * decode still counts and never makes this fail.
 */
export const measureLag = async (
  client: SqlClient,
  position: GlobalPosition,
  head: GlobalPosition,
  now: number,
): Promise<Lag> => {
  if (position >= head) return { events: 0, seconds: 0 };
  const { rows } = await client.query<{ events: number | string; oldest: unknown }>(
    `select (select count(*) from (select 1 from events e where e.position > $1 and e.position <= $2
                                   order by e.position limit ${lagCountCap}) page)::int as events,
            (select e.metadata->>'occurredAt' from events e where e.position > $1
              order by e.position limit 1) as oldest`,
    [position, head],
  );
  const row = rows[0];
  return { events: Number(row?.events ?? 0), seconds: secondsSince(row?.oldest, now) };
};

/** Readers held back by an open transaction: since when, and by how old a transaction. */
export interface HeldBack {
  /** `occurredAt` of the oldest committed event readers cannot see yet. */
  readonly since: string;
  readonly seconds: number;
  /** Age in seconds of the oldest open writing transaction on the cluster (any database). */
  readonly holdingTransactionSeconds: number;
}

/**
 * Whether committed events exist at or above the horizon (xmin of a fresh snapshot, in
 * position units): readers are then held back until the oldest writer ends. PGlite has one
 * session: never held by another.
 */
export const heldBack = async (client: SqlClient, now: number): Promise<HeldBack | undefined> => {
  if (client.kind === 'pglite') return undefined;
  const { rows } = await client.query<{ oldest: string | null; age: number | string | null }>(
    `select (select e.metadata->>'occurredAt' from events e
              where e.position >= (select pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576)
              order by e.position limit 1) as oldest,
            (select extract(epoch from (now() - min(xact_start)))::float8 from pg_stat_activity
              where backend_xid is not null and pid <> pg_backend_pid()) as age`,
  );
  const row = rows[0];
  if (row === undefined || row.oldest === null) return undefined;
  const since = row.oldest;
  const age = Number(row.age ?? 0);
  return {
    since,
    seconds: secondsSince(since, now),
    holdingTransactionSeconds: Number.isFinite(age) && age > 0 ? age : 0,
  };
};
