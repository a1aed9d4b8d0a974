/**
 * A small persistent (copy-on-write) map keyed by string. The chart holds 10,000 accounts and
 * `evolve` must stay pure, so copying a whole `Map` per event would make every fold O(n²); here an
 * update copies one array of bucket references and one bucket (≈ n / 256 entries) instead.
 */
const BUCKETS = 256;

/**
 * A bucket decoded on first use (a snapshot loaded lazily), then kept: one cold command touches a
 * handful of buckets, not all 256. Versions derived from the map share the same instance, so a
 * bucket is decoded at most once whichever version reads it first.
 */
class LazyBucket<V> {
  private decoded: ReadonlyMap<string, V> | undefined;
  constructor(private readonly load: BucketLoader<V>) {}
  open(key: string | undefined): ReadonlyMap<string, V> {
    return (this.decoded ??= this.load(key));
  }
}

/**
 * Loads a lazy bucket. `key`: the entry being read when it is first used (undefined when the
 * whole bucket is iterated), so a loader that fetches from storage can bring what that entry
 * links to in the same round trip.
 */
export type BucketLoader<V> = (key: string | undefined) => ReadonlyMap<string, V>;

type Bucket<V> = ReadonlyMap<string, V> | LazyBucket<V> | undefined;

const open = <V>(bucket: Bucket<V>, key?: string): ReadonlyMap<string, V> | undefined =>
  bucket instanceof LazyBucket ? bucket.open(key) : bucket;

/** FNV-1a over UTF-16 code units, reduced to a bucket index. */
const bucketOf = (key: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKETS;
};

/** An immutable string-keyed map whose `set`/`delete` return a new map sharing most of the old one. */
export class PersistentMap<V> {
  private constructor(
    private readonly buckets: ReadonlyArray<Bucket<V>>,
    /** Number of entries. */
    readonly size: number,
  ) {}

  /** The empty map. */
  static empty<V>(): PersistentMap<V> {
    return new PersistentMap<V>(
      new Array<ReadonlyMap<string, V> | undefined>(BUCKETS).fill(undefined),
      0,
    );
  }

  /** How many buckets a map has: an encoding that stores buckets apart says so, to be refused if it changes. */
  static readonly bucketCount = BUCKETS;

  /** The bucket `key` lives in (0 … bucketCount − 1): encodings group entries by it. */
  static bucketIndexOf(key: string): number {
    return bucketOf(key);
  }

  /**
   * A map whose bucket `i` is `loaders[i]()`, called on first use (undefined: empty). Each loader
   * must return exactly the entries whose `bucketIndexOf` is `i`, and `size` must be their total:
   * the caller (a snapshot decoder) vouches for both.
   */
  static lazy<V>(
    loaders: ReadonlyArray<BucketLoader<V> | undefined>,
    size: number,
  ): PersistentMap<V> {
    const buckets: Array<Bucket<V>> = new Array<Bucket<V>>(BUCKETS).fill(undefined);
    for (let i = 0; i < BUCKETS; i++) {
      const load = loaders[i];
      if (load !== undefined) buckets[i] = new LazyBucket(load);
    }
    return new PersistentMap<V>(buckets, size);
  }

  /** Builds a map in one pass (no intermediate copies); later duplicates win. */
  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    const buckets: Array<Map<string, V> | undefined> = new Array<Map<string, V> | undefined>(
      BUCKETS,
    ).fill(undefined);
    let size = 0;
    for (const [key, value] of entries) {
      const index = bucketOf(key);
      const bucket = (buckets[index] ??= new Map<string, V>());
      if (!bucket.has(key)) size++;
      bucket.set(key, value);
    }
    return new PersistentMap<V>(buckets, size);
  }

  get(key: string): V | undefined {
    return open(this.buckets[bucketOf(key)], key)?.get(key);
  }

  /**
   * The values of `keys`, in order. Every key's bucket is read even when one fails to load, then
   * the first failure is thrown: a lazily loaded map learns in one pass every bucket the keys
   * need (a bucketed snapshot then fetches them in one round trip, not one per throw).
   */
  getAll(keys: readonly string[]): Array<V | undefined> {
    const failures: unknown[] = [];
    const values = keys.map((key) => {
      try {
        return this.get(key);
      } catch (error) {
        failures.push(error);
        return undefined;
      }
    });
    if (failures.length > 0) throw failures[0];
    return values;
  }

  has(key: string): boolean {
    return open(this.buckets[bucketOf(key)], key)?.has(key) ?? false;
  }

  set(key: string, value: V): PersistentMap<V> {
    const index = bucketOf(key);
    const old = open(this.buckets[index], key);
    const bucket = new Map(old);
    bucket.set(key, value);
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new PersistentMap<V>(buckets, old?.has(key) === true ? this.size : this.size + 1);
  }

  delete(key: string): PersistentMap<V> {
    const index = bucketOf(key);
    const old = open(this.buckets[index], key);
    if (old?.has(key) !== true) return this;
    const bucket = new Map(old);
    bucket.delete(key);
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new PersistentMap<V>(buckets, this.size - 1);
  }

  /**
   * Bucket `index` as an identity token: `set`/`delete` replace only the bucket they change, so
   * a token equal to an older version's means the bucket is unchanged since (an incremental
   * snapshot rewrites only the others). Opening a lazy bucket keeps its token.
   */
  bucketToken(index: number): unknown {
    return this.buckets[index];
  }

  /** The entries of bucket `index` (decoding it if lazy). */
  *bucketEntries(index: number): IterableIterator<[string, V]> {
    const map = open(this.buckets[index]);
    if (map !== undefined) yield* map.entries();
  }

  /** Every value, in no particular order. */
  *values(): IterableIterator<V> {
    for (const bucket of this.buckets) {
      const map = open(bucket);
      if (map !== undefined) yield* map.values();
    }
  }

  /** Every entry, in no particular order. */
  *entries(): IterableIterator<[string, V]> {
    for (const bucket of this.buckets) {
      const map = open(bucket);
      if (map !== undefined) yield* map.entries();
    }
  }
}
