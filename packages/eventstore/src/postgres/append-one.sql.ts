/**
 * es_append_one(append jsonb) → jsonb: es_append's fast path, for the append nearly every call
 * makes: one stream, at least one event, none of them stored already, the expected revision met.
 * It answers exactly what es_append's general path would, or null when that path must decide
 * (a retry, a wrong expected revision, or a writer that got to the stream first), having written
 * nothing. Called only by es_append, so it runs under es_append's `enable_seqscan = off`.
 *
 * What the general path spends on this case, and this one does not (measured by `perf` on a
 * backend, one append per transaction): about nine SPI statements (each an executor start and
 * end) where this takes two, and the stream row written twice — the upsert that locks it, then
 * the update of revision and hash — so 7 WAL records per append instead of 5 (the event, its
 * three index entries, the stream row) and twice the dead versions a hot stream's page collects.
 *
 * - The stream row and whether any event id is stored are read together, without a lock.
 * - Hashes are chained from that read (es_event_hash, as everywhere).
 * - One statement then claims the stream and inserts the events: the UPDATE of the stream row
 *   only matches the revision that was read (or, for a new stream, the INSERT only happens if no
 *   row exists), and the events are inserted only if that claim matched. A writer that committed
 *   in between changes the revision (or created the row): the claim matches nothing, nothing is
 *   written, and the general path, which locks first, takes over. Under READ COMMITTED the
 *   UPDATE waits for a writer still running and re-reads the row once it has committed.
 * - Positions and `es.tx_seq` as in es_append, so several calls in one transaction still number
 *   their events in sequence.
 */
export const appendOneFunctionSql = /* sql */ `
create or replace function es_append_one(a jsonb) returns jsonb
language plpgsql
as $fn$
declare
  v_stream text := a->>'streamId';
  v_expected text := a->>'expected';
  v_events jsonb := a->'events';
  v_count int := jsonb_array_length(a->'events');
  v_exists boolean;
  v_current bigint;
  v_prev bytea;
  v_stored boolean;
  v_hashes bytea[] := array[]::bytea[];
  v_txid xid8;
  v_txid_num bigint;
  v_seq text;
  v_index bigint := 0;
  v_position bigint;
  v_written bigint;
  e jsonb;
begin
  select s.stream_id is not null, coalesce(s.revision, -1), s.hash,
         exists (select from events x where x.event_id = any (
           array(select (t.e->>'eventId')::uuid from jsonb_array_elements(v_events) as t(e))))
    into v_exists, v_current, v_prev, v_stored
    from (values (1)) as one(x) left join streams s on s.stream_id = v_stream;
  if v_stored or not (
    v_expected = 'any'
    or (v_expected = 'no_stream' and v_current = -1)
    or (v_expected = 'stream_exists' and v_current >= 0)
    or (v_expected ~ '^-?[0-9]+$' and v_expected::bigint = v_current)
  ) then
    return null;
  end if;

  for n in 0 .. v_count - 1 loop
    e := v_events->n;
    v_prev := es_event_hash(v_prev, v_stream, v_current + n + 1, (e->>'eventId')::uuid,
                            e->>'type', e->'data', e->'metadata');
    v_hashes := v_hashes || v_prev;
  end loop;

  v_txid := pg_current_xact_id();
  v_txid_num := v_txid::text::bigint;
  v_seq := current_setting('es.tx_seq', true);
  if v_seq is not null and v_seq <> '' and split_part(v_seq, ':', 1)::bigint = v_txid_num then
    v_index := split_part(v_seq, ':', 2)::bigint;
  end if;
  if v_index + v_count > 1048576 then
    raise exception 'more than 2^20 events in one transaction';
  end if;

  if v_exists then
    with claim as (
      update streams set revision = v_current + v_count, hash = v_prev
       where stream_id = v_stream and revision = v_current
      returning 1
    )
    insert into events (position, txid, stream_id, revision, event_id, type, data, metadata, hash)
      select v_txid_num * 1048576 + v_index + n - 1, v_txid, v_stream, v_current + n,
             (x->>'eventId')::uuid, x->>'type', x->'data', x->'metadata', v_hashes[n]
        from jsonb_array_elements(v_events) with ordinality as t(x, n)
       where exists (select from claim);
  else
    with claim as (
      insert into streams (stream_id, revision, hash) values (v_stream, v_count - 1, v_prev)
        on conflict (stream_id) do nothing
      returning 1
    )
    insert into events (position, txid, stream_id, revision, event_id, type, data, metadata, hash)
      select v_txid_num * 1048576 + v_index + n - 1, v_txid, v_stream, n - 1,
             (x->>'eventId')::uuid, x->>'type', x->'data', x->'metadata', v_hashes[n]
        from jsonb_array_elements(v_events) with ordinality as t(x, n)
       where exists (select from claim);
  end if;
  get diagnostics v_written = row_count;
  if v_written = 0 then
    return null;
  end if;

  v_index := v_index + v_count;
  v_position := v_txid_num * 1048576 + v_index - 1;
  v_seq := set_config('es.tx_seq', v_txid_num::text || ':' || v_index::text, true);
  return jsonb_build_object('position', v_position::text, 'streams', jsonb_build_array(
    jsonb_build_object('streamId', v_stream, 'revision', (v_current + v_count)::text,
                       'position', v_position::text)));
end
$fn$;
`;
