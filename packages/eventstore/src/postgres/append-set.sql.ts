import { wrongExpectedRevisionSqlState } from './schema.sql.js';

/**
 * es_append_set(batch, ids, revisions, hashes) → jsonb: es_append_batch's fast path, for a batch
 * where every entry writes events and no stream appears twice (the usual group: independent
 * writers). The streams are locked already; `ids`, `revisions` and `hashes` are their rows as the
 * lock returned them. One pass over the entries checks each append's expected revisions, numbers
 * and chains its events, and answers exactly what es_append would have (its error, or its
 * result); then ONE insert writes every event and ONE update every stream. No sub-block per
 * append and no statement per append: the loop of es_append calls cost about 12 statements and a
 * subtransaction each.
 *
 * Anything that would make an append differ from es_append's own answer raises instead (an event
 * id stored already — a retry — violates the unique index), and es_append_batch then runs the
 * appends one by one.
 */
export const appendSetFunctionSql = /* sql */ `
create or replace function es_append_set(
  batch jsonb, p_ids text[], p_revisions bigint[], p_hashes bytea[]
) returns jsonb
language plpgsql
set enable_seqscan = off
as $fn$
declare
  v_results jsonb := '[]'::jsonb;
  v_item jsonb;
  a jsonb;
  e jsonb;
  i int;
  j int;
  k int;
  v_stream text;
  v_expected text;
  v_current bigint;
  v_prev bytea;
  v_failed jsonb;
  v_streams jsonb;
  v_txid xid8 := pg_current_xact_id();
  v_txid_num bigint := v_txid::text::bigint;
  v_seq text := current_setting('es.tx_seq', true);
  v_index bigint := 0;
  v_position bigint;
  v_revisions bigint[] := p_revisions;
  v_hashes bytea[] := p_hashes;
  v_written boolean[] := array_fill(false, array[cardinality(p_ids)]);
  e_position bigint[] := '{}';
  e_stream text[] := '{}';
  e_revision bigint[] := '{}';
  e_id uuid[] := '{}';
  e_type text[] := '{}';
  e_data jsonb[] := '{}';
  e_metadata jsonb[] := '{}';
  e_hash bytea[] := '{}';
begin
  if v_seq is not null and v_seq <> '' and split_part(v_seq, ':', 1)::bigint = v_txid_num then
    v_index := split_part(v_seq, ':', 2)::bigint;
  end if;
  for i in 0 .. jsonb_array_length(batch) - 1 loop
    v_item := batch->i;
    -- es_append takes an append's streams in stream_id order: its errors and positions too.
    if jsonb_array_length(v_item) > 1 then
      select jsonb_agg(x order by x->>'streamId') into v_item from jsonb_array_elements(v_item) t(x);
    end if;
    v_failed := null;
    for j in 0 .. jsonb_array_length(v_item) - 1 loop
      a := v_item->j;
      v_stream := a->>'streamId';
      v_expected := a->>'expected';
      v_current := v_revisions[array_position(p_ids, v_stream)];
      if not (
        v_expected = 'any'
        or (v_expected = 'no_stream' and v_current = -1)
        or (v_expected = 'stream_exists' and v_current >= 0)
        or (v_expected ~ '^-?[0-9]+$' and v_expected::bigint = v_current)
      ) then
        v_failed := jsonb_build_object(
          'code', '${wrongExpectedRevisionSqlState}',
          'message', format('wrong expected revision for stream %s: expected %s, actual %s', v_stream, v_expected, v_current),
          'detail', jsonb_build_object('streamId', v_stream, 'expected', v_expected, 'actual', v_current::text)::text);
        exit;
      end if;
    end loop;
    if v_failed is not null then
      v_results := v_results || jsonb_build_array(jsonb_build_object('error', v_failed));
      continue;
    end if;
    v_streams := '[]'::jsonb;
    for j in 0 .. jsonb_array_length(v_item) - 1 loop
      a := v_item->j;
      v_stream := a->>'streamId';
      k := array_position(p_ids, v_stream);
      v_current := v_revisions[k];
      v_prev := v_hashes[k];
      for n in 0 .. jsonb_array_length(a->'events') - 1 loop
        e := a->'events'->n;
        v_current := v_current + 1;
        v_prev := es_event_hash(v_prev, v_stream, v_current, (e->>'eventId')::uuid,
                                e->>'type', e->'data', e->'metadata');
        e_position := array_append(e_position, (v_txid_num * 1048576 + v_index));
        e_stream := array_append(e_stream, v_stream);
        e_revision := array_append(e_revision, v_current);
        e_id := array_append(e_id, (e->>'eventId')::uuid);
        e_type := array_append(e_type, (e->>'type'));
        e_data := array_append(e_data, (e->'data'));
        e_metadata := array_append(e_metadata, (e->'metadata'));
        e_hash := array_append(e_hash, v_prev);
        v_index := v_index + 1;
      end loop;
      v_position := v_txid_num * 1048576 + v_index - 1;
      v_revisions[k] := v_current;
      v_hashes[k] := v_prev;
      v_written[k] := true;
      v_streams := v_streams || jsonb_build_object(
        'streamId', v_stream, 'revision', v_current::text, 'position', v_position::text);
    end loop;
    v_results := v_results || jsonb_build_array(jsonb_build_object('ok',
      jsonb_build_object('position', v_position::text, 'streams', v_streams)));
  end loop;
  if v_index > 1048576 then
    raise exception 'more than 2^20 events in one transaction';
  end if;

  if cardinality(e_id) > 0 then
    insert into events (position, txid, stream_id, revision, event_id, type, data, metadata, hash)
      select p, v_txid, s, r, id, t, d, m, h
        from unnest(e_position, e_stream, e_revision, e_id, e_type, e_data, e_metadata, e_hash)
          as u(p, s, r, id, t, d, m, h);
    update streams s set revision = u.r, hash = u.h
      from unnest(p_ids, v_revisions, v_hashes, v_written) as u(id, r, h, w)
     where u.w and s.stream_id = u.id;
    perform set_config('es.tx_seq', v_txid_num::text || ':' || v_index::text, true);
  end if;
  return v_results;
end
$fn$;
`;
