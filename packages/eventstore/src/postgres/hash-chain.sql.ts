/**
 * The hash chain's SQL. One function defines the canonical encoding, so the append function, the
 * back-fill and the verification cannot disagree on it. `jsonb::text` is canonical (keys sorted,
 * fixed spacing), so the same stored value always hashes the same.
 */
export const eventHashFunctionSql = /* sql */ `
create or replace function es_event_hash(
  prev bytea, p_stream text, p_revision bigint, p_event_id uuid, p_type text, p_data jsonb, p_metadata jsonb
) returns bytea language sql stable parallel safe as $fn$
  select sha256(
    coalesce(prev, ''::bytea)
    || convert_to(jsonb_build_array(p_stream, p_revision::text, p_event_id::text, p_type, p_data, p_metadata)::text, 'UTF8')
  )
$fn$;
`;

/**
 * Adds `events.hash` and `streams.hash` (the hash of the stream's last event) and back-fills a
 * log written before tamper evidence existed. Runs its work only when the column is missing, so
 * migrating again is a catalogue lookup, not a scan. The column stays nullable: a row inserted
 * behind es_append's back has no hash and fails verification, which is the point.
 */
export const hashChainMigrationSql = /* sql */ `
do $mig$
declare
  r record;
  v_stream text := null;
  v_prev bytea := null;
begin
  if exists (
    select 1 from information_schema.columns
     where table_schema = current_schema() and table_name = 'events' and column_name = 'hash'
  ) then
    return;
  end if;
  alter table events add column hash bytea;
  alter table streams add column hash bytea;
  for r in select e.position, e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata
             from events e order by e.stream_id, e.revision loop
    if r.stream_id is distinct from v_stream then
      v_stream := r.stream_id;
      v_prev := null;
    end if;
    v_prev := es_event_hash(v_prev, r.stream_id, r.revision, r.event_id, r.type, r.data, r.metadata);
    update events set hash = v_prev where position = r.position;
  end loop;
  update streams s set hash = e.hash from events e where e.stream_id = s.stream_id and e.revision = s.revision;
end
$mig$;
`;

/**
 * One page of the verification, in global order after $1, at most $2 events: recomputes each
 * hash from its predecessor in the stream (an index probe on (stream_id, revision)) and answers
 * only the tally, so a page costs one round trip and little transfer.
 */
export const verifyPageSql = /* sql */ `
with page as (
  select e.position, e.stream_id,
         (e.revision = 0 or p.position is not null)
         and e.hash is not distinct from
             es_event_hash(p.hash, e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata) as intact
    from events e
    left join events p on p.stream_id = e.stream_id and p.revision = e.revision - 1
   where e.position > $1
   order by e.position
   limit $2
)
select count(*)::text as checked,
       max(position)::text as last_position,
       count(*) filter (where not intact)::text as broken,
       min(position) filter (where not intact)::text as first_broken,
       (array_agg(stream_id order by position) filter (where not intact))[1] as first_broken_stream
  from page`;

/**
 * A stream whose recorded head is not its last event: the tail (or every event) was deleted, or
 * the last event replaced. One statement, so it sees streams and events in one snapshot.
 */
export const brokenStreamHeadSql = /* sql */ `
select s.stream_id from streams s
  left join lateral (
    select e.revision, e.hash from events e
     where e.stream_id = s.stream_id order by e.revision desc limit 1
  ) l on true
 where s.revision >= 0 and (l.revision is distinct from s.revision or l.hash is distinct from s.hash)
 order by s.stream_id
 limit 1`;

export const countEventsSql = 'select count(*)::text as n from events';
