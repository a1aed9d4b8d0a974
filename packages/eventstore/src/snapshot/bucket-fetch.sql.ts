/**
 * es_snapshot_fetch(stream, parts, buckets, keys, versions, bucket_count, have) → (part, bucket,
 * body): the texts of the buckets asked for (`keys`: the entry read in each, or null) and of every
 * entry their links reach — a link without a key (nothing to follow from it: a chart account's
 * sibling name) only from a key asked for, not from the entries reached — at the revisions the loaded head names (`versions`, part-major,
 * `bucket_count` a part), less those the caller has (`have`: part * bucket_count + bucket). UNION
 * stops a walk that comes back on itself. A function so that its plan is made once a session: the
 * recursive query took as long to plan as to run. Each text is probed by its primary key (LIMIT
 * keeps the probe a subquery: joined flat, the planner hashed every text of the stream per level).
 */
export const bucketFetchFunctionSql = /* sql */ `
create or replace function es_snapshot_fetch(
  p_stream text, p_parts int[], p_buckets int[], p_keys text[], p_versions bigint[],
  p_bucket_count int, p_have int[]
) returns table (o_part int, o_bucket int, o_body text)
language plpgsql stable
as $fn$
begin
  return query
  with recursive reached(part, bucket, key, asked) as (
    select u.part, u.bucket, u.key, true from unnest(p_parts, p_buckets, p_keys) as u(part, bucket, key)
    union
    select (l.link->>0)::int, (l.link->>1)::int, l.link->>2, false
      from reached r
      cross join lateral (
        select b.links from snapshot_buckets b
         where b.stream_id = p_stream and b.part = r.part and b.bucket = r.bucket
           and b.revision = p_versions[r.part * p_bucket_count + r.bucket + 1]
         limit 1) b
      cross join lateral jsonb_array_elements(b.links -> r.key) as l(link)
     where r.key is not null and (r.asked or l.link->>2 is not null)
  )
  select r.part, r.bucket, t.body
    from (select distinct reached.part, reached.bucket from reached
           where reached.part * p_bucket_count + reached.bucket <> all(p_have)) r
    cross join lateral (
      select b.body from snapshot_buckets b
       where b.stream_id = p_stream and b.part = r.part and b.bucket = r.bucket
         and b.revision = p_versions[r.part * p_bucket_count + r.bucket + 1]
       limit 1) t;
end
$fn$;
`;
