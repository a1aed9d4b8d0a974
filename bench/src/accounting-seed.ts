/**
 * A deterministic chart of accounts for the accounting benchmark: `count` accounts up to
 * `maxDepth` levels, with one subtree of exactly `bigSubtree` accounts (the one the benchmark
 * moves), and balanced postings between random accounts. Events are built in their stored form.
 */
import { randomUUID } from 'node:crypto';
import {
  asId,
  chartEventC,
  Money,
  type AccountId,
  type AccountName,
  type ChartEvent,
  type JournalEntryId,
} from '@erpcore/domain';
import type { EventStore, EventToAppend } from '@erpcore/eventstore';
import { benchMetadata } from './bench-events.js';
import type { Progress } from './progress.js';
import { random } from './sales-seed.js';

export interface SeedAccount {
  readonly id: string;
  readonly parentId: string | null;
  readonly depth: number;
}

export interface ChartShape {
  readonly accounts: readonly SeedAccount[];
  /** Root of the subtree of exactly `bigSubtree` accounts, at depth 1 under the first root. */
  readonly bigRoot: string;
  /** Two roots to move the big subtree between. */
  readonly roots: readonly [string, string];
}

export const accountId = (i: number): string => `acc-${String(i).padStart(5, '0')}`;

/** Builds the tree: 10 roots, the big subtree, then the rest under random shallower accounts. */
export const chartShape = (
  count: number,
  maxDepth: number,
  bigSubtree: number,
  seed = 7,
): ChartShape => {
  const next = random(seed);
  const accounts: SeedAccount[] = [];
  const add = (parent: SeedAccount | null): SeedAccount => {
    const account = {
      id: accountId(accounts.length),
      parentId: parent?.id ?? null,
      depth: parent === null ? 0 : parent.depth + 1,
    };
    accounts.push(account);
    return account;
  };
  const roots = Array.from({ length: 10 }, () => add(null));
  const big = add(roots[0] ?? null);
  const members: SeedAccount[] = [big];
  while (members.length < bigSubtree) {
    // Prefer recent members so the subtree reaches the full depth.
    const candidates = members.filter((m) => m.depth < maxDepth - 1);
    const parent = candidates[Math.floor(Math.sqrt(next()) * candidates.length)] ?? big;
    members.push(add(parent));
  }
  const outside = accounts.filter((a) => !members.includes(a) && a.depth < maxDepth - 1);
  while (accounts.length < count) {
    const parent = outside[Math.floor(Math.sqrt(next()) * outside.length)] ?? roots[1] ?? null;
    const account = add(parent);
    if (account.depth < maxDepth - 1) outside.push(account);
  }
  return { accounts, bigRoot: big.id, roots: [roots[0]?.id ?? '', roots[1]?.id ?? ''] };
};

/** The stored form of an `AccountOpened`; names are unique, so siblings never clash. */
export const opened = (a: SeedAccount): EventToAppend => {
  const event: ChartEvent = {
    type: 'AccountOpened',
    data: {
      id: asId<AccountId>(a.id),
      name: `Account ${a.id.slice(4)}` as AccountName,
      type: 'asset',
      parentId: a.parentId === null ? null : asId<AccountId>(a.parentId),
    },
  };
  return { eventId: randomUUID(), ...chartEventC.encode(event), metadata: benchMetadata() };
};

/** A balanced posting between two random accounts. */
export const posted = (
  n: number,
  accounts: readonly SeedAccount[],
  next: () => number,
): EventToAppend => {
  const amount = Money.ofCents(BigInt(1 + Math.floor(next() * 100_000)));
  const pick = () =>
    asId<AccountId>(accounts[Math.floor(next() * accounts.length)]?.id ?? accountId(0));
  const event: ChartEvent = {
    type: 'AccountsPosted',
    data: {
      entryId: asId<JournalEntryId>(`JE-${n}`),
      reversal: false,
      postings: [
        { accountId: pick(), amount },
        { accountId: pick(), amount: Money.negate(amount) },
      ],
    },
  };
  return { eventId: randomUUID(), ...chartEventC.encode(event), metadata: benchMetadata() };
};

/** Appends the opens, then `postings` postings, to `streamId` in chunks of 1,000. Returns the stream's revision. */
export const seedChart = async (
  store: EventStore,
  streamId: string,
  shape: ChartShape,
  postings: number,
  progress: Progress,
): Promise<bigint> => {
  const next = random(11);
  const events = [
    ...shape.accounts.map(opened),
    ...Array.from({ length: postings }, (_x, n) => posted(n, shape.accounts, next)),
  ];
  let revision = -1n;
  for (let from = 0; from < events.length; from += 1_000) {
    const chunk = events.slice(from, from + 1_000);
    const result = await store.appendToStream(streamId, chunk, {
      expectedRevision: revision === -1n ? 'no_stream' : revision,
    });
    revision = result.nextRevision;
    progress.update(from + chunk.length);
  }
  return revision;
};
