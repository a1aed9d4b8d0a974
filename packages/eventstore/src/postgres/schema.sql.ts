/**
 * The event store's schema. Names are unqualified: the connection's search_path picks the schema.
 * Every statement is idempotent, so migrating twice (or from two processes) is harmless.
 *
 * Positions: `txid * 2^20 + index within the transaction`, where txid is pg_current_xact_id()
 * of the appending transaction. Readers stop below pg_snapshot_xmin(pg_current_snapshot()), so
 * a position is never handed to a reader while a smaller one can still commit (docs/architecture.md).
 */
export const eventStoreSchemaSql = /* sql */ `
create table if not exists events (
  position bigint primary key,
  txid xid8 not null,
  stream_id text not null,
  revision bigint not null,
  event_id uuid not null unique,
  type text not null,
  data jsonb not null,
  metadata jsonb not null,
  created_at timestamptz not null default now()
);
create unique index if not exists events_stream_revision on events (stream_id, revision);

-- revision -1 marks a stream row created under lock by an append that wrote nothing yet.
create table if not exists streams (
  stream_id text primary key,
  revision bigint not null
);

create table if not exists snapshots (
  stream_id text primary key,
  revision bigint not null,
  state jsonb not null,
  updated_at timestamptz not null default now()
);

-- Bucketed snapshots (createBucketSnapshotStore): a small head per stream naming, for each
-- part and bucket, the revision its text was written at; the texts are immutable rows, so a
-- reader of an older head still finds its buckets (superseded ones are dropped after a grace).
create table if not exists snapshot_heads (
  stream_id text primary key,
  revision bigint not null,
  head jsonb not null,
  updated_at timestamptz not null default now()
);
create table if not exists snapshot_buckets (
  stream_id text not null,
  part smallint not null,
  bucket integer not null,
  revision bigint not null,
  body text not null,
  primary key (stream_id, part, bucket, revision)
);
-- Per key of the text, the entries a reader of it reads next ([part, bucket, key]): a fetch
-- follows them in the same query. Null in texts written before; a head says whether its texts have them.
alter table snapshot_buckets add column if not exists links jsonb;
`;

/** SQLSTATE raised by es_append on a wrong expected revision (DETAIL holds the JSON context). */
export const wrongExpectedRevisionSqlState = 'ES409';

/**
 * The channel appenders notify after commit. Not from inside es_append: a transaction that
 * NOTIFYs takes a cluster-wide lock through its commit, which serialized concurrent appends
 * (measured: 8 writers fell from ~940 to ~170 appends/s).
 */
export const eventsChannel = 'es_events';

/**
 * es_append(appends jsonb) → jsonb: one round trip for a whole appendToStream/appendMulti.
 * Input: [{ streamId, expected: 'any'|'no_stream'|'stream_exists'|'<n>', events: [{ eventId, type, data, metadata }] }]
 * Output: { position: '<n>'|null, streams: [{ streamId, revision: '<n>', position: '<n>'|null }] } (revision -1 = no stream).
 * Streams are locked in stream_id order so concurrent multi-stream appends cannot deadlock.
 * Every event gets its chained hash here and the stream row the hash of its last event
 * (hash-chain.sql.ts), so tamper evidence does not depend on the writer's goodwill.
 * A single-stream append goes through es_append_one first (append-one.sql.ts); the loop below
 * handles what it leaves: several streams, no events, retries, wrong revisions, races.
 */
export const appendFunctionSql = /* sql */ `
create or replace function es_append(appends jsonb) returns jsonb
language plpgsql
-- Every lookup here is by a unique key. A session caches its plans, made while the log was
-- small (a fresh database, a TRUNCATE) and kept until the next ANALYZE: with seq scans allowed
-- they scanned the whole events table on every append, so the cost grew with the log.
set enable_seqscan = off
as $fn$
declare
  a jsonb;
  v_stream text;
  v_expected text;
  v_current bigint;
  v_txid xid8;
  v_txid_num bigint;
  v_seq text;
  v_index bigint;
  v_new jsonb;
  v_existing uuid[];
  v_count bigint;
  v_last bigint;
  v_position bigint := null;
  v_stream_position bigint;
  v_streams jsonb := '[]'::jsonb;
  v_prev_hash bytea;
  v_hashes bytea[];
  r record;
  v_one jsonb;
begin
  -- One stream with events, the usual append: es_append_one writes it in two statements, or
  -- answers null having written nothing (a retry, a wrong revision, a race), and this path decides.
  if jsonb_array_length(appends) = 1 and jsonb_array_length(appends->0->'events') > 0 then
    v_one := es_append_one(appends->0);
    if v_one is not null then
      return v_one;
    end if;
  end if;
  for a in select x from jsonb_array_elements(appends) as t(x) order by x->>'streamId' loop
    v_stream := a->>'streamId';
    v_expected := a->>'expected';
    v_stream_position := null;
    v_prev_hash := null;

    if jsonb_array_length(a->'events') = 0 then
      -- Nothing to write: check without creating the stream row.
      select revision into v_current from streams where stream_id = v_stream;
      v_current := coalesce(v_current, -1);
      v_new := '[]'::jsonb;
    else
      -- Creates the row or locks the existing one; a concurrent first append waits here for us.
      insert into streams as s (stream_id, revision) values (v_stream, -1)
        on conflict (stream_id) do update set revision = s.revision
        returning s.revision, s.hash into v_current, v_prev_hash;
      -- Under the lock: events whose id is stored already are a retry, not news. One probe of the
      -- event_id index for all ids (as NOT EXISTS it became a hash anti join over the events table).
      select coalesce(array_agg(e.event_id), array[]::uuid[]) into v_existing from events e
        where e.event_id = any(array(select (x->>'eventId')::uuid from jsonb_array_elements(a->'events') as t(x)));
      select coalesce(jsonb_agg(x order by n), '[]'::jsonb) into v_new
        from jsonb_array_elements(a->'events') with ordinality as t(x, n)
        where (x->>'eventId')::uuid <> all(v_existing);
    end if;

    if jsonb_array_length(a->'events') > 0 and jsonb_array_length(v_new) = 0 then
      -- Every event exists: answer as the first append did.
      select max(e.position) into v_last from events e where e.event_id = any(v_existing);
      -- The revision the first append answered, not the stream's current one: a retry that
      -- arrives after later appends must not report their revision as its own.
      select coalesce(max(e.revision), v_current) into v_current from events e
        where e.event_id = any(v_existing) and e.stream_id = v_stream;
      v_position := greatest(v_position, v_last);
      v_stream_position := v_last;
    elsif not (
      v_expected = 'any'
      or (v_expected = 'no_stream' and v_current = -1)
      or (v_expected = 'stream_exists' and v_current >= 0)
      or (v_expected ~ '^-?[0-9]+$' and v_expected::bigint = v_current)
    ) then
      raise exception using
        errcode = '${wrongExpectedRevisionSqlState}',
        message = format('wrong expected revision for stream %s: expected %s, actual %s', v_stream, v_expected, v_current),
        detail = jsonb_build_object('streamId', v_stream, 'expected', v_expected, 'actual', v_current::text)::text;
    elsif jsonb_array_length(v_new) > 0 then
      if v_txid is null then
        v_txid := pg_current_xact_id();
        v_txid_num := v_txid::text::bigint;
        -- The index continues across several es_append calls in one transaction.
        v_seq := current_setting('es.tx_seq', true);
        if v_seq is not null and v_seq <> '' and split_part(v_seq, ':', 1)::bigint = v_txid_num then
          v_index := split_part(v_seq, ':', 2)::bigint;
        else
          v_index := 0;
        end if;
      end if;
      v_count := jsonb_array_length(v_new);
      if v_index + v_count > 1048576 then
        raise exception 'more than 2^20 events in one transaction';
      end if;
      -- Tamper evidence: chain each event's hash to the previous one of its stream, here, so no
      -- writer can skip it (es_event_hash holds the canonical encoding).
      v_hashes := array[]::bytea[];
      for r in select x, n from jsonb_array_elements(v_new) with ordinality as t(x, n) order by n loop
        v_prev_hash := es_event_hash(v_prev_hash, v_stream, v_current + r.n, (r.x->>'eventId')::uuid,
                                     r.x->>'type', r.x->'data', r.x->'metadata');
        v_hashes := array_append(v_hashes, v_prev_hash);
      end loop;
      insert into events (position, txid, stream_id, revision, event_id, type, data, metadata, hash)
        select v_txid_num * 1048576 + v_index + n - 1, v_txid, v_stream, v_current + n,
               (x->>'eventId')::uuid, x->>'type', x->'data', x->'metadata', v_hashes[n]
          from jsonb_array_elements(v_new) with ordinality as t(x, n);
      v_index := v_index + v_count;
      v_current := v_current + v_count;
      v_position := v_txid_num * 1048576 + v_index - 1;
      v_stream_position := v_position;
      update streams set revision = v_current, hash = v_prev_hash where stream_id = v_stream;
    end if;

    v_streams := v_streams || jsonb_build_object('streamId', v_stream, 'revision', v_current::text, 'position', v_stream_position::text);
  end loop;

  if v_txid is not null then
    perform set_config('es.tx_seq', v_txid_num::text || ':' || v_index::text, true);
  end if;
  return jsonb_build_object('position', v_position::text, 'streams', v_streams);
end
$fn$;
`;
