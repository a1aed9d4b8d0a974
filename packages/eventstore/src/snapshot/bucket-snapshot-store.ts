import { isRecord } from '@erpcore/domain';
import { StateNotLoaded, whileStateLoads } from '../command/state-not-loaded.js';
import type { StreamRevision } from '../event-store.js';
import type { SqlClient, SqlConnection } from '../sql/sql-client.js';
import type { Snapshot, SnapshotStore } from './snapshot-store.js';

/**
 * A state cut into parts × buckets of text (the chart: accounts and sibling names, 256 buckets
 * each), so a snapshot is stored one bucket a row and read one bucket at a time.
 */
export interface BucketCodec<S> {
  readonly parts: readonly string[];
  readonly bucketCount: number;
  sizes(state: S): readonly number[];
  /** Equal tokens in two versions of a state: that bucket did not change between them. */
  bucketToken(state: S, part: number, bucket: number): unknown;
  /** The bucket's text; '' when empty. */
  encodeBucket(state: S, part: number, bucket: number): string;
  /**
   * Per key of the bucket, the entries a decision reading that key is likely to read next:
   * `[part, bucket, key]`, followed on from `key` unless it is null. A fetch for a key brings
   * everything reachable from it in the same round trip (a chart account's ancestors); a link
   * without a key only for the key asked for (a chart account's sibling name, not its ancestors').
   */
  links?(
    state: S,
    part: number,
    bucket: number,
  ): Readonly<Record<string, readonly BucketLink[]>> | undefined;
  /**
   * A state reading bucket (part, i) through `text` on first use (empty when not `present`),
   * `key` being the entry read then if any; `text` may throw, and a bucket that does not decode
   * goes to `corrupt`, which throws. Undefined when `sizes` does not fit.
   */
  assemble(
    sizes: readonly number[],
    present: (part: number, bucket: number) => boolean,
    text: (part: number, bucket: number, key: string | undefined) => string,
    corrupt: (part: number, bucket: number, error: unknown) => never,
  ): S | undefined;
}

export interface BucketSnapshotStore<S> extends SnapshotStore<S> {
  /**
   * True (once) when a state this store loaded found a bucket gone or corrupt since the last
   * call: states derived from it cannot be completed, so the caller drops what it keeps of them.
   * The damaged head is not loaded again (the stream folds from the fallback, or from the start).
   */
  takeBroken(streamId: string): boolean;
}

export interface BucketSnapshotOptions<S> {
  /** Read when a stream has no usable head: snapshots of the form that came before. */
  readonly fallback?: SnapshotStore<S>;
  /**
   * A bucket text superseded at least this many revisions before the newest head is deleted:
   * until then, a process still reading an older head finds it (default 1,000).
   */
  readonly graceRevisions?: bigint;
}

/** An entry to fetch along with the one that names it: `[part, bucket, key]` (key null: not followed further). */
export type BucketLink = readonly [part: number, bucket: number, key: string | null];

/**
 * What a head row says: the layout, the sizes, per part and bucket the text's revision (-1:
 * empty), and whether every text it names was written with its links.
 */
interface Head {
  readonly sizes: readonly number[];
  readonly versions: readonly (readonly number[])[];
  readonly linked: boolean;
}

const isVersion = (u: unknown): u is number => typeof u === 'number' && Number.isSafeInteger(u);

const decodeHead = (u: unknown, parts: number, buckets: number): Head | undefined => {
  if (!isRecord(u) || u['buckets'] !== buckets) return undefined;
  const { sizes, versions } = u;
  if (!Array.isArray(sizes) || !sizes.every(isVersion)) return undefined;
  if (!Array.isArray(versions) || versions.length !== parts) return undefined;
  const list: readonly unknown[] = versions;
  const rows: number[][] = [];
  for (const row of list) {
    if (!Array.isArray(row) || row.length !== buckets || !row.every(isVersion)) return undefined;
    rows.push(row);
  }
  return { sizes, versions: rows, linked: u['linked'] === true };
};

/**
 * One loaded head: the texts fetched so far, shared by every state derived from it; the buckets
 * (and the keys read in them) asked for since the last fetch, fetched together by the next one.
 */
interface Generation {
  readonly streamId: string;
  readonly revision: StreamRevision;
  readonly head: Head;
  readonly texts: Map<number, string>;
  readonly wanted: Map<string, readonly [part: number, bucket: number, key: string | null]>;
  fetching: Promise<void>;
  fetches: number;
  broken: boolean;
}

/** What this process last wrote or loaded for a stream: the next save rewrites only buckets whose token changed. */
interface Saved {
  readonly revision: StreamRevision;
  readonly tokens: readonly (readonly unknown[])[];
  readonly versions: readonly (readonly number[])[];
  /** Every text the head names carries its links: only then may a save reuse them. */
  readonly linked: boolean;
}

/** es_snapshot_fetch (bucket-fetch.sql.ts): what was asked for, with what its links reach. */
const fetchSql = `select o_part as part, o_bucket as bucket, o_body as body
  from es_snapshot_fetch($1, $2::int[], $3::int[], $4::text[], $5::bigint[], $6, $7::int[])`;

/** Fetches (of what a command asked for, and its links) before a loaded head fetches all it still lacks at once. */
const singleFetches = 4;

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Snapshots in `snapshot_heads` and `snapshot_buckets` (created by migrateEventStore). Loading
 * reads the head alone (a few KiB); each bucket is fetched when a decision first reads it, by
 * throwing StateNotLoaded (the command handlers fetch and run the attempt again). Saving writes
 * only the buckets whose token changed since this process's last save or load, then the head;
 * under a per-stream advisory lock, checking that every bucket it reuses is still stored.
 */
export const createBucketSnapshotStore = <S>(
  client: SqlClient,
  codec: BucketCodec<S>,
  options: BucketSnapshotOptions<S> = {},
): BucketSnapshotStore<S> => {
  const parts = codec.parts.length;
  const buckets = codec.bucketCount;
  const grace = options.graceRevisions ?? 1_000n;
  const linking = codec.links !== undefined;
  const saved = new Map<string, Saved>();
  const brokenUpTo = new Map<string, StreamRevision>();
  const newlyBroken = new Set<string>();
  const latest = new Map<string, Snapshot<S>>();

  const breakGeneration = (generation: Generation, why: string): void => {
    if (generation.broken) return;
    generation.broken = true;
    const { streamId, revision } = generation;
    if ((brokenUpTo.get(streamId) ?? -1n) < revision) brokenUpTo.set(streamId, revision);
    newlyBroken.add(streamId);
    saved.delete(streamId);
    latest.delete(streamId);
    process.emitWarning(`ignoring snapshot of ${streamId} at ${revision}: ${why}`);
  };

  const reload = (generation: Generation): StateNotLoaded =>
    new StateNotLoaded(
      `snapshot of ${generation.streamId} is damaged`,
      async () => undefined,
      true,
    );

  /**
   * Fetches every bucket asked for since the last fetch, and what the keys read in them link to
   * (followed server side, so an account's whole ancestor chain is one round trip).
   */
  const fetchWanted = async (generation: Generation): Promise<void> => {
    const asked = [...generation.wanted.values()].filter(
      ([p, b]) => !generation.texts.has(p * buckets + b),
    );
    generation.wanted.clear();
    if (asked.length === 0) return;
    generation.fetches++;
    // A few round trips while a command touches a few buckets; past that (a long fold after the
    // head) every bucket not yet here in one query, so a cold load never costs more round trips.
    const wanted =
      generation.fetches <= singleFetches
        ? asked
        : generation.head.versions.flatMap((row, p) =>
            row.flatMap((version, b) =>
              version >= 0 && !generation.texts.has(p * buckets + b) ? [[p, b, null] as const] : [],
            ),
          );
    const { rows } = await client.query<{ part: number; bucket: number; body: string }>(fetchSql, [
      generation.streamId,
      wanted.map(([p]) => p),
      wanted.map(([, b]) => b),
      wanted.map(([, , key]) => key),
      generation.head.versions.flat(),
      buckets,
      [...generation.texts.keys()],
    ]);
    for (const row of rows) generation.texts.set(row.part * buckets + row.bucket, row.body);
    // Gone: the next read of this state throws a reload (the state is broken).
    for (const [part, bucket] of asked)
      if (!generation.texts.has(part * buckets + bucket))
        breakGeneration(generation, `bucket ${part}/${bucket} is gone`);
  };

  /** Fetches of one generation run one after another, so a fetch finds what the one before brought. */
  const fetchFor = (generation: Generation): Promise<void> => {
    const next = generation.fetching.then(() => fetchWanted(generation));
    generation.fetching = next.catch(() => undefined);
    return next;
  };

  const stateOf = (generation: Generation): S | undefined =>
    codec.assemble(
      generation.head.sizes,
      (part, bucket) => (generation.head.versions[part]?.[bucket] ?? -1) >= 0,
      (part, bucket, key) => {
        const text = generation.texts.get(part * buckets + bucket);
        if (text !== undefined) return text;
        if (generation.broken) throw reload(generation);
        generation.wanted.set(`${part}/${bucket}/${key ?? ''}`, [part, bucket, key ?? null]);
        throw new StateNotLoaded(`${generation.streamId} bucket ${part}/${bucket}`, () =>
          fetchFor(generation),
        );
      },
      (part, bucket, error) => {
        breakGeneration(generation, `bucket ${part}/${bucket}: ${String(error)}`);
        throw reload(generation);
      },
    );

  const tokensOf = (state: S): unknown[][] =>
    Array.from({ length: parts }, (_, part) =>
      Array.from({ length: buckets }, (_, bucket) => codec.bucketToken(state, part, bucket)),
    );

  const loadHead = async (streamId: string): Promise<Snapshot<S> | undefined> => {
    const { rows } = await client.query<{ revision: string; head: unknown }>(
      'select revision::text as revision, head from snapshot_heads where stream_id = $1',
      [streamId],
    );
    const row = rows[0];
    if (row === undefined) return undefined;
    const revision = BigInt(row.revision);
    if (revision <= (brokenUpTo.get(streamId) ?? -1n)) return undefined;
    // The same head again (a command's attempt rerun after a fetch): the same state, so what was
    // fetched for it stays.
    const known = latest.get(streamId);
    if (known !== undefined && known.revision === revision) return known;
    const head = decodeHead(row.head, parts, buckets);
    const generation: Generation = {
      streamId,
      revision,
      head: head ?? { sizes: [], versions: [], linked: false },
      texts: new Map(),
      wanted: new Map(),
      fetching: Promise.resolve(),
      fetches: 0,
      broken: false,
    };
    const state = head === undefined ? undefined : stateOf(generation);
    if (state === undefined) {
      process.emitWarning(`ignoring snapshot head of ${streamId}: not of this layout`);
      return undefined;
    }
    saved.set(streamId, {
      revision,
      tokens: tokensOf(state),
      versions: generation.head.versions,
      linked: generation.head.linked,
    });
    latest.set(streamId, { revision, state });
    return { revision, state };
  };

  /** Writes the changed texts and the head; false when a newer head is there already. */
  const write = async (
    tx: SqlConnection,
    streamId: string,
    revision: StreamRevision,
    sizes: readonly number[],
    versions: readonly (readonly number[])[],
    texts: ReadonlyArray<readonly [number, number, string, string | null]>,
  ): Promise<boolean> => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`snapshot_heads:${streamId}`]);
    const { rows } = await tx.query<{ revision: string }>(
      'select revision::text as revision from snapshot_heads where stream_id = $1',
      [streamId],
    );
    const current = rows[0];
    if (current !== undefined && BigInt(current.revision) >= revision) return false;
    const at = Number(revision);
    const referenced = versions.flatMap((row, part) =>
      row.flatMap((version, bucket) => (version >= 0 ? [[part, bucket, version] as const] : [])),
    );
    const reused = referenced.filter(([, , version]) => version !== at);
    const column = (list: ReadonlyArray<readonly unknown[]>, i: number) => list.map((r) => r[i]);
    if (reused.length > 0) {
      const { rows: found } = await tx.query<{ n: number }>(
        `select count(*)::int as n from snapshot_buckets b
         join unnest($2::int[], $3::int[], $4::bigint[]) as r(part, bucket, revision)
           on b.part = r.part and b.bucket = r.bucket and b.revision = r.revision
         where b.stream_id = $1`,
        [streamId, column(reused, 0), column(reused, 1), column(reused, 2)],
      );
      if (found[0]?.n !== reused.length) throw new BucketsGone();
    }
    if (texts.length > 0)
      await tx.query(
        `insert into snapshot_buckets (stream_id, part, bucket, revision, body, links)
         select $1, r.part, r.bucket, $2, r.body, r.links::jsonb
         from unnest($3::int[], $4::int[], $5::text[], $6::text[]) as r(part, bucket, body, links)
         on conflict do nothing`,
        [
          streamId,
          revision,
          column(texts, 0),
          column(texts, 1),
          column(texts, 2),
          column(texts, 3),
        ],
      );
    await tx.query(
      `insert into snapshot_heads (stream_id, revision, head) values ($1, $2, $3::jsonb)
       on conflict (stream_id) do update set revision = excluded.revision, head = excluded.head, updated_at = now()`,
      [streamId, revision, JSON.stringify({ buckets, sizes, versions, linked: linking })],
    );
    // A text superseded long enough ago, and not named by the head just written, is dropped.
    await tx.query(
      `delete from snapshot_buckets old using snapshot_buckets newer
       where old.stream_id = $1 and newer.stream_id = $1 and newer.part = old.part
         and newer.bucket = old.bucket and newer.revision > old.revision and newer.revision <= $2
         and (old.part, old.bucket, old.revision) not in
           (select * from unnest($3::int[], $4::int[], $5::bigint[]))`,
      [
        streamId,
        revision - grace,
        column(referenced, 0),
        column(referenced, 1),
        column(referenced, 2),
      ],
    );
    return true;
  };

  return {
    takeBroken: (streamId) => newlyBroken.delete(streamId),

    load: async (streamId) =>
      (await loadHead(streamId)) ?? (await options.fallback?.load(streamId)),

    save: async (streamId, revision, state) => {
      if (revision > maxSafe)
        throw new RangeError(`revision ${revision} is past a bucket snapshot's range`);
      const last = saved.get(streamId);
      // Texts written before links were: every bucket is written again, with its links, once.
      const reuse = last !== undefined && last.revision < revision && (last.linked || !linking);
      const at = Number(revision);
      const tokens = tokensOf(state);
      const texts: Array<readonly [number, number, string, string | null]> = [];
      const encode = async () => {
        texts.length = 0;
        return tokens.map((row, part) =>
          row.map((token, bucket) => {
            if (reuse && token === last.tokens[part]?.[bucket])
              return last.versions[part]?.[bucket] ?? -1;
            const text = codec.encodeBucket(state, part, bucket);
            if (text === '') return -1;
            const links = codec.links?.(state, part, bucket);
            texts.push([part, bucket, text, links === undefined ? null : JSON.stringify(links)]);
            return at;
          }),
        );
      };
      try {
        // Rewriting a bucket this process never read (a head without links, loaded in parts)
        // fetches it first: a few round trips, then all it lacks at once.
        const versions = await whileStateLoads(encode, { decideOnly: true });
        const written = await client.transaction((tx) =>
          write(tx, streamId, revision, codec.sizes(state), versions, texts),
        );
        if (written) saved.set(streamId, { revision, tokens, versions, linked: linking });
      } catch (error) {
        if (error instanceof StateNotLoaded) {
          // A bucket of the state it was loaded from is gone: the holder refolds (takeBroken).
          process.emitWarning(`snapshot of ${streamId} at ${revision} not saved: ${error.message}`);
          return;
        }
        if (!(error instanceof BucketsGone)) throw error;
        // Texts this lineage reuses were dropped (another process superseded them long ago):
        // the state cannot be written incrementally, and may not be completable either, so the
        // holder refolds it and the next save writes every bucket.
        saved.delete(streamId);
        newlyBroken.add(streamId);
        process.emitWarning(`snapshot of ${streamId} at ${revision} not saved: ${error.message}`);
      }
    },
  };
};

class BucketsGone extends Error {
  constructor() {
    super('bucket texts it reuses are gone');
    this.name = 'BucketsGone';
  }
}
