import { describe, expect, it } from 'vitest';
import { PersistentMap } from './persistent-map.js';

/** A lazy map of `keys` whose every bucket throws on first use, recording the key read. */
const unloaded = (keys: readonly string[], asked: Array<string | undefined>) => {
  const loaders = Array.from({ length: PersistentMap.bucketCount }, (_, i) =>
    keys.some((k) => PersistentMap.bucketIndexOf(k) === i)
      ? (key: string | undefined): ReadonlyMap<string, number> => {
          asked.push(key);
          throw new Error(`bucket ${i} not here`);
        }
      : undefined,
  );
  return PersistentMap.lazy(loaders, keys.length);
};

describe('PersistentMap, loaded lazily', () => {
  it('tells a bucket loader which key is read', () => {
    const asked: Array<string | undefined> = [];
    const map = unloaded(['a'], asked);
    expect(() => map.get('a')).toThrow('not here');
    expect(() => [...map.entries()]).toThrow('not here');
    expect(asked).toEqual(['a', undefined]);
  });

  it('getAll reads every key before throwing the first failure', () => {
    const keys = ['a', 'b', 'c'].filter(
      (k, i, all) =>
        all.findIndex((o) => PersistentMap.bucketIndexOf(o) === PersistentMap.bucketIndexOf(k)) ===
        i,
    );
    const asked: Array<string | undefined> = [];
    expect(() => unloaded(keys, asked).getAll(keys)).toThrow(
      `bucket ${PersistentMap.bucketIndexOf(keys[0] ?? '')} not here`,
    );
    expect(asked).toEqual(keys);
    const loaded = PersistentMap.from([
      ['a', 1],
      ['b', 2],
    ]);
    expect(loaded.getAll(['b', 'x', 'a'])).toEqual([2, undefined, 1]);
  });
});
