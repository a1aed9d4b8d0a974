/**
 * Anchors: a global hash chain over every event in position order, recorded every so often.
 *
 * The per-stream chains (hash-chain.sql.ts) detect an edited event, or one deleted from the middle
 * or tail of a stream, but not a whole stream deleted together with its `streams` row: nothing
 * else refers to it. An anchor records, up to a position, how many events the log holds and
 * `log_hash`, where `log_hash(e) = sha256(log_hash(previous event in position order) ‖ e.hash)`.
 * Any event deleted at or below an anchored position changes both, whatever its stream.
 *
 * Anchors are written OFF the append path (es_anchor, called by `erpcore audit anchor`, on a
 * schedule, or by the projector process): chaining every append to the previous one in position
 * order would serialize all appends on one row, and positions are only final below the oldest
 * running transaction anyway (the same bound readers use). So es_append is unchanged; the price is
 * a window: events appended after the newest anchor are covered by their stream chains only,
 * until the next anchor (docs/audit.md).
 */
export const anchorsSchemaSql = /* sql */ `
create table if not exists anchors (
  position bigint primary key,
  event_count bigint not null,
  log_hash bytea not null,
  created_at timestamptz not null default now()
);

create or replace function es_log_hash(prev bytea, event_hash bytea) returns bytea
language sql immutable parallel safe as $fn$
  select sha256(coalesce(prev, ''::bytea) || coalesce(event_hash, ''::bytea))
$fn$;

-- Extends the global chain from the newest anchor over every event that can no longer change
-- (below the oldest running transaction) and records a new anchor; returns it, or the newest one
-- when nothing new is final. One anchoring at a time (a transaction-level advisory lock); appends
-- never wait for it: it only reads events.
create or replace function es_anchor() returns table (anchor_position bigint, anchor_count bigint, anchor_hash bytea)
language plpgsql as $fn$
declare
  v_position bigint := 0;
  v_count bigint := 0;
  v_hash bytea := null;
  v_bound bigint;
  r record;
begin
  perform pg_advisory_xact_lock(hashtext(current_schema() || '.erpcore_anchor'));
  select a.position, a.event_count, a.log_hash into v_position, v_count, v_hash
    from anchors a order by a.position desc limit 1;
  v_position := coalesce(v_position, -1);
  v_count := coalesce(v_count, 0);
  v_bound := pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576;
  for r in select e.position as p, e.hash as h from events e
            where e.position > v_position and e.position < v_bound order by e.position loop
    v_hash := es_log_hash(v_hash, r.h);
    v_count := v_count + 1;
    v_position := r.p;
  end loop;
  if v_hash is not null and not exists (select 1 from anchors a where a.position = v_position) then
    insert into anchors (position, event_count, log_hash) values (v_position, v_count, v_hash);
  end if;
  return query select a.position, a.event_count, a.log_hash from anchors a order by a.position desc limit 1;
end
$fn$;
`;
