import * as t from 'io-ts';
import { AccountIdC, type AccountId } from '../shared/id.js';
import { Money } from '../shared/money.js';
import { PersistentMap, type BucketLoader } from './persistent-map.js';
import { AccountNameC, AccountTypeC } from './account-values.js';
import {
  chartFromAccounts,
  siblingKey,
  type ChartAccount,
  type ChartState,
} from './chart.state.js';
import { isRecord } from '../shared/is-record.js';

/** One account in a snapshot: `[id, name, type, parentId, closed, balance, rolledUpBalance]`. */
export type ChartSnapshotRow = readonly [
  string,
  string,
  string,
  string | null,
  boolean,
  string,
  string,
];

/** The first stored form (still decoded): one row per account, every row decoded at load. */
export interface ChartSnapshotV1 {
  readonly accounts: readonly ChartSnapshotRow[];
}

/**
 * The single-row stored form of a chart state (a jsonb snapshot; durable chart snapshots are now
 * stored a bucket a row by `chartBucketCodec`, and this form is still read where no such head
 * exists): the two maps' buckets, each one string, decoded only when a
 * command first touches that bucket. A cold process deciding one command reads one JSON object of
 * 512 strings and splits the few buckets it needs (its account, the ancestors, a sibling name), not
 * 10,000 rows. `accounts[i]`: the accounts of bucket i, one per line, tab-separated
 * `id, name, type, parentId ('' for none), closed ('1'|'0'), balance, rolledUpBalance (Money's
 * scaled integer), openChildren`; `names[i]`: `siblingKey \t id` lines. Names hold no control
 * characters (AccountNameC) and ids no tabs, so the separators cannot occur inside a field.
 */
export interface ChartSnapshot {
  readonly format: 2;
  /** PersistentMap.bucketCount when written: a snapshot of another bucket layout is refused. */
  readonly buckets: number;
  readonly sizes: readonly [accounts: number, names: number];
  readonly accounts: readonly string[];
  readonly names: readonly string[];
}

const decodeRow = (u: unknown): Omit<ChartAccount, 'openChildren'> | undefined => {
  if (!Array.isArray(u) || u.length !== 7) return undefined;
  const row: readonly unknown[] = u;
  const [id, name, type, parentId, closed, balance, rolledUp] = row;
  if (
    !AccountIdC.is(id) ||
    !AccountNameC.is(name) ||
    !AccountTypeC.is(type) ||
    typeof closed !== 'boolean'
  )
    return undefined;
  if (parentId !== null && !AccountIdC.is(parentId)) return undefined;
  const own = typeof balance === 'string' ? Money.parse(balance) : undefined;
  const rolled = typeof rolledUp === 'string' ? Money.parse(rolledUp) : undefined;
  if (own === undefined || rolled === undefined) return undefined;
  return { id, name, type, parentId, closed, balance: own, rolledUpBalance: rolled };
};

/** A snapshot bucket that does not decode: the stored snapshot is corrupt (it is our own write). */
export class ChartSnapshotCorrupt extends Error {
  constructor(what: string, bucket: number, line: number) {
    super(`chart snapshot: ${what} bucket ${bucket} line ${line} does not decode`);
    this.name = 'ChartSnapshotCorrupt';
  }
}

const integerText = /^-?\d{1,30}$/;
const countText = /^\d{1,9}$/;

const decodeAccountLine = (line: string, bucket: number): ChartAccount | undefined => {
  const f = line.split('\t');
  if (f.length !== 8) return undefined;
  const [id = '', name = '', type = '', parentId = '', closed = '', balance = '', rolledUp = ''] =
    f;
  const openChildren = f[7] ?? '';
  const parent = parentId === '' ? null : AccountIdC.is(parentId) ? parentId : undefined;
  if (
    !AccountIdC.is(id) ||
    PersistentMap.bucketIndexOf(id) !== bucket ||
    !AccountNameC.is(name) ||
    !AccountTypeC.is(type) ||
    parent === undefined ||
    (closed !== '0' && closed !== '1') ||
    !integerText.test(balance) ||
    !integerText.test(rolledUp) ||
    !countText.test(openChildren)
  )
    return undefined;
  return {
    id,
    name,
    type,
    parentId: parent,
    closed: closed === '1',
    balance: Money.ofCents(BigInt(balance)),
    rolledUpBalance: Money.ofCents(BigInt(rolledUp)),
    openChildren: Number(openChildren),
  };
};

const accountBucket = (text: string, bucket: number) => (): ReadonlyMap<string, ChartAccount> => {
  const map = new Map<string, ChartAccount>();
  for (const [n, line] of text.split('\n').entries()) {
    const account = decodeAccountLine(line, bucket);
    if (account === undefined) throw new ChartSnapshotCorrupt('accounts', bucket, n);
    map.set(account.id, account);
  }
  return map;
};

const nameBucket = (text: string, bucket: number) => (): ReadonlyMap<string, AccountId> => {
  const map = new Map<string, AccountId>();
  for (const [n, line] of text.split('\n').entries()) {
    const tab = line.lastIndexOf('\t');
    const key = line.slice(0, tab);
    const id = line.slice(tab + 1);
    if (tab < 0 || !AccountIdC.is(id) || PersistentMap.bucketIndexOf(key) !== bucket)
      throw new ChartSnapshotCorrupt('names', bucket, n);
    map.set(key, id);
  }
  return map;
};

const isBucketArray = (u: unknown): u is readonly string[] =>
  Array.isArray(u) &&
  u.length === PersistentMap.bucketCount &&
  u.every((b) => typeof b === 'string');

const isSize = (u: unknown): u is number =>
  typeof u === 'number' && Number.isSafeInteger(u) && u >= 0;

/** The lazy form's outer checks (cheap); each bucket's lines are checked when it is decoded. */
const decodeV2 = (u: Readonly<Record<string, unknown>>): ChartState | string => {
  const { buckets, sizes, accounts, names } = u;
  if (buckets !== PersistentMap.bucketCount) return 'a chart snapshot of another bucket layout';
  const sizeList: readonly unknown[] = Array.isArray(sizes) ? sizes : [];
  const [accountCount, nameCount] = sizeList;
  if (!Array.isArray(sizes) || sizes.length !== 2 || !isSize(accountCount) || !isSize(nameCount))
    return 'a chart snapshot has two sizes';
  if (!isBucketArray(accounts) || !isBucketArray(names))
    return `a chart snapshot has ${PersistentMap.bucketCount} account and name buckets`;
  return {
    accounts: PersistentMap.lazy(
      accounts.map((text, i) => (text === '' ? undefined : accountBucket(text, i))),
      accountCount,
    ),
    siblingNames: PersistentMap.lazy(
      names.map((text, i) => (text === '' ? undefined : nameBucket(text, i))),
      nameCount,
    ),
  };
};

/** The first form: every row decoded and both maps built at once. */
const decodeV1 = (rows: readonly unknown[], u: unknown, c: t.Context): t.Validation<ChartState> => {
  const accounts: Array<Omit<ChartAccount, 'openChildren'>> = [];
  const openChildren = new Map<AccountId, number>();
  for (const [index, raw] of rows.entries()) {
    const row = decodeRow(raw);
    if (row === undefined)
      return t.failure(
        raw,
        [...c, { key: String(index), type: t.unknown, actual: raw }],
        'not a valid chart account row',
      );
    accounts.push(row);
    if (row.parentId !== null && !row.closed)
      openChildren.set(row.parentId, (openChildren.get(row.parentId) ?? 0) + 1);
  }
  return t.success(
    chartFromAccounts(accounts.map((a) => ({ ...a, openChildren: openChildren.get(a.id) ?? 0 }))),
  );
};

const grouped = <V>(
  entries: Iterable<readonly [string, V]>,
  line: (key: string, value: V) => string,
): string[] => {
  const lines: string[][] = Array.from({ length: PersistentMap.bucketCount }, () => []);
  for (const [key, value] of entries)
    lines[PersistentMap.bucketIndexOf(key)]?.push(line(key, value));
  return lines.map((l) => l.join('\n'));
};

const accountLine = (_id: string, a: ChartAccount): string =>
  [
    a.id,
    a.name,
    a.type,
    a.parentId ?? '',
    a.closed ? '1' : '0',
    a.balance.toString(),
    a.rolledUpBalance.toString(),
    String(a.openChildren),
  ].join('\t');

/**
 * io-ts codec of the chart state, for the snapshot store. Encodes the lazy bucket form
 * (`ChartSnapshot`); decodes it and the first row form. Hand-written: decoding is the cost a cold
 * process pays before its first chart command. A bucket found corrupt when first used throws
 * `ChartSnapshotCorrupt` (the snapshot is the store's own write, so this means damage, not input).
 */
export const chartStateC = new t.Type<ChartState, ChartSnapshot, unknown>(
  'ChartState',
  (u): u is ChartState =>
    typeof u === 'object' && u !== null && 'accounts' in u && 'siblingNames' in u,
  (u, c) => {
    if (!isRecord(u)) return t.failure(u, c, 'a chart snapshot is an object');
    const record = u;
    if (record['format'] === 2) {
      const state = decodeV2(record);
      return typeof state === 'string' ? t.failure(u, c, state) : t.success(state);
    }
    const rows = record['accounts'];
    return Array.isArray(rows)
      ? decodeV1(rows, u, c)
      : t.failure(u, c, 'a chart snapshot has an array of accounts');
  },
  (state) => ({
    format: 2,
    buckets: PersistentMap.bucketCount,
    sizes: [state.accounts.size, state.siblingNames.size],
    accounts: grouped(state.accounts.entries(), accountLine),
    names: grouped(state.siblingNames.entries(), (key, id) => `${key}\t${id}`),
  }),
);

/** An entry a decision is likely to read next: `[part, bucket, key]` (key null: nothing to follow from it). */
export type ChartBucketLink = readonly [part: number, bucket: number, key: string | null];

/** The chart's two maps, in the order a bucketed snapshot numbers its parts. */
const chartParts = ['accounts', 'names'] as const;

const mapOf = (state: ChartState, part: number): PersistentMap<unknown> | undefined =>
  part === 0 ? state.accounts : part === 1 ? state.siblingNames : undefined;

/**
 * The chart state cut into parts × buckets of text, for a snapshot store that keeps each bucket
 * apart (one row each) and reads only the buckets a command touches. Part 0: the accounts, part
 * 1: the sibling names, each bucket in the lines of the lazy bucket form (`ChartSnapshot`).
 */
export const chartBucketCodec = {
  parts: chartParts,
  bucketCount: PersistentMap.bucketCount,
  sizes: (state: ChartState): readonly number[] => [state.accounts.size, state.siblingNames.size],
  /** Equal tokens: the bucket did not change between two versions of the state. */
  bucketToken: (state: ChartState, part: number, bucket: number): unknown =>
    mapOf(state, part)?.bucketToken(bucket),
  /** The bucket's text ('' when empty). */
  encodeBucket: (state: ChartState, part: number, bucket: number): string =>
    part === 0
      ? Array.from(state.accounts.bucketEntries(bucket), ([key, a]) => accountLine(key, a)).join(
          '\n',
        )
      : Array.from(state.siblingNames.bucketEntries(bucket), ([key, id]) => `${key}\t${id}`).join(
          '\n',
        ),
  /**
   * Per account of accounts bucket `bucket`, what a decision reading it reads next: its parent's
   * entry, followed on from there, so one fetch brings the whole ancestor chain a posting walks;
   * and its sibling-name entry (a rename, a move). Sibling names link nowhere. Derived from each
   * account's own line, so never stale.
   */
  links: (
    state: ChartState,
    part: number,
    bucket: number,
  ): Readonly<Record<string, readonly ChartBucketLink[]>> | undefined =>
    part !== 0
      ? undefined
      : Object.fromEntries(
          Array.from(state.accounts.bucketEntries(bucket), ([id, a]) => {
            const name = siblingKey(a.parentId, a.name);
            const nameLink: ChartBucketLink = [1, PersistentMap.bucketIndexOf(name), null];
            return [
              id,
              a.parentId === null
                ? [nameLink]
                : [[0, PersistentMap.bucketIndexOf(a.parentId), a.parentId], nameLink],
            ];
          }),
        ),
  /**
   * A state whose bucket (part, i) is `text(part, i, key)` decoded on first use (`key`: the entry
   * read then, if any), or empty when `present(part, i)` is false. `text` may throw (a bucket not
   * fetched yet): nothing is cached then, and the next use asks again. A bucket that does not
   * decode goes to `corrupt`, which throws. Undefined: `sizes` is not one size per part.
   */
  assemble: (
    sizes: readonly number[],
    present: (part: number, bucket: number) => boolean,
    text: (part: number, bucket: number, key: string | undefined) => string,
    corrupt: (part: number, bucket: number, error: unknown) => never,
  ): ChartState | undefined => {
    const [accountCount, nameCount] = sizes;
    if (sizes.length !== 2 || !isSize(accountCount) || !isSize(nameCount)) return undefined;
    const loaders = <V>(
      part: number,
      decode: (text: string, bucket: number) => () => ReadonlyMap<string, V>,
    ): Array<BucketLoader<V> | undefined> =>
      Array.from({ length: PersistentMap.bucketCount }, (_, i) =>
        present(part, i)
          ? (key) => {
              const body = text(part, i, key);
              try {
                return decode(body, i)();
              } catch (error) {
                return corrupt(part, i, error);
              }
            }
          : undefined,
      );
    return {
      accounts: PersistentMap.lazy(loaders(0, accountBucket), accountCount),
      siblingNames: PersistentMap.lazy(loaders(1, nameBucket), nameCount),
    };
  },
};
