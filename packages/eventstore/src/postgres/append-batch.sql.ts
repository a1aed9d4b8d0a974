/**
 * es_append_batch(batch jsonb) → jsonb: group commit. Several independent appends (each what one
 * es_append call takes) in ONE transaction, so they share one round trip and one WAL flush.
 *
 * Input: [appends, appends, …] in arrival order, each `appends` as es_append takes it.
 * Output: one entry per input, in order: { ok: <es_append's result> } or
 * { error: { code: SQLSTATE, message, detail } }.
 *
 * - Each append runs in its own sub-block (a savepoint): a wrong expected revision, or any other
 *   error, rolls back that append only and is reported for it; the others commit together.
 * - Appends run in arrival order, so two appends to one stream check their expected revisions
 *   in that order and chain their hashes (the second sees the first's stream row and events).
 * - Positions continue across the appends of the transaction: es_append carries the index in
 *   `es.tx_seq`, and a rolled-back sub-block rolls that setting back with its rows.
 * - Every stream the batch writes is locked first, in stream_id order (the order es_append
 *   itself locks in): appends of one batch lock in arrival order, which could otherwise deadlock
 *   against another batch or a multi-stream append taking the same streams in another order.
 *   The lock creates absent streams' rows at revision -1 (read as "no stream"); those an append
 *   did not fill are deleted at the end, so a failed append leaves no trace.
 * - A batch where every append writes events and no stream appears twice (independent writers,
 *   the usual group) goes through es_append_set instead: one pass, one insert, one update, in
 *   one sub-block for the whole batch; if that raises (an event id stored already: a retry), its
 *   writes are rolled back and the appends run one by one as above.
 * - Like es_append, it runs with seq scans off (see there).
 */
export const appendBatchFunctionSql = /* sql */ `
create or replace function es_append_batch(batch jsonb) returns jsonb
language plpgsql
-- Lookups by key only; a plan cached while the streams table was small must not scan it later.
set enable_seqscan = off
as $fn$
declare
  v_ids text[];
  v_entries bigint;
  v_all_write boolean;
  v_locked text[];
  v_revisions bigint[];
  v_hashes bytea[];
  v_set boolean := false;
  v_appends jsonb;
  v_results jsonb := '[]'::jsonb;
  v_state text;
  v_message text;
  v_detail text;
begin
  select coalesce(array_agg(distinct x->>'streamId') filter (where jsonb_array_length(x->'events') > 0),
                  array[]::text[]),
         count(*), bool_and(jsonb_array_length(x->'events') > 0)
    into v_ids, v_entries, v_all_write
    from jsonb_array_elements(batch) as b(g), jsonb_array_elements(g) as t(x);
  with locked as (
    insert into streams as s (stream_id, revision)
      select id, -1 from unnest(v_ids) as u(id) order by id
      on conflict (stream_id) do update set revision = s.revision
      returning s.stream_id, s.revision, s.hash
  )
  select array_agg(stream_id), array_agg(revision), array_agg(hash)
    into v_locked, v_revisions, v_hashes from locked;

  if v_all_write and cardinality(v_ids) = v_entries then
    begin
      v_results := es_append_set(batch, v_locked, v_revisions, v_hashes);
      v_set := true;
    exception when others then
      -- Its writes are undone; the locks, taken before this block, are kept.
      v_results := '[]'::jsonb;
    end;
  end if;

  for v_appends in select g from jsonb_array_elements(batch) with ordinality as b(g, n)
                    where not v_set order by n loop
    begin
      v_results := v_results || jsonb_build_array(jsonb_build_object('ok', es_append(v_appends)));
    exception when others then
      get stacked diagnostics
        v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
      v_results := v_results || jsonb_build_array(jsonb_build_object('error',
        jsonb_build_object('code', v_state, 'message', v_message, 'detail', nullif(v_detail, ''))));
    end;
  end loop;

  -- Written in one pass without a failure: every stream it locked holds events now.
  if not v_set or jsonb_path_exists(v_results, '$[*].error') then
    delete from streams where stream_id = any(v_ids) and revision = -1;
  end if;
  return v_results;
end
$fn$;
`;
