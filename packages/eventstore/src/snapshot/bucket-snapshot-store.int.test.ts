import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  chartBucketCodec,
  chartDecider,
  Money,
  type JournalEntryId,
  type AccountId,
  type AccountName,
  type ChartCommand,
  type ChartState,
} from '@erpcore/domain';
import { whileStateLoads } from '../command/state-not-loaded.js';
import { migrateEventStore } from '../postgres/migrate.js';
import { createPgliteClient } from '../sql/pglite-client.js';
import type { SqlClient } from '../sql/sql-client.js';
import { createBucketSnapshotStore } from './bucket-snapshot-store.js';

const apply = (state: ChartState, command: ChartCommand): ChartState => {
  const decision = chartDecider.decide(command, state);
  if (isLeft(decision)) throw new Error(decision.left.code);
  return decision.right.reduce(chartDecider.evolve, state);
};

const open = (i: number): ChartCommand => ({
  type: 'OpenAccount',
  id: `A${i}` as AccountId,
  name: `Account ${i}` as AccountName,
  accountType: 'asset',
  parentId: i < 3 ? null : (`A${i % 3}` as AccountId),
});

const contents = (state: ChartState) =>
  whileStateLoads(async () => ({
    accounts: [...state.accounts.entries()].sort(([a], [b]) => a.localeCompare(b)),
    names: [...state.siblingNames.entries()].sort(([a], [b]) => a.localeCompare(b)),
  }));

describe('bucketed snapshot store (PGlite)', () => {
  let client: SqlClient;
  beforeAll(async () => {
    client = await createPgliteClient();
    await migrateEventStore(client);
  });
  afterAll(async () => {
    await client.close();
  });

  it('writes only changed buckets, and a fresh store reads back the same state', async () => {
    const writer = createBucketSnapshotStore(client, chartBucketCodec);
    let state = chartDecider.initialState;
    for (let i = 0; i < 200; i++) state = apply(state, open(i));
    await writer.save('chart', 199n, state);
    const full = await client.query<{ n: number }>(
      'select count(*)::int as n from snapshot_buckets',
    );
    state = apply(state, {
      type: 'RenameAccount',
      id: 'A7' as AccountId,
      name: 'Seven' as AccountName,
    });
    await writer.save('chart', 200n, state);
    const after = await client.query<{ n: number }>(
      'select count(*)::int as n from snapshot_buckets where revision = 200',
    );
    // The account's bucket and at most two sibling-name buckets.
    expect(after.rows[0]?.n).toBeGreaterThan(0);
    expect(after.rows[0]?.n).toBeLessThanOrEqual(3);
    expect(full.rows[0]?.n).toBeGreaterThan(100);
    const loaded = await createBucketSnapshotStore(client, chartBucketCodec).load('chart');
    expect(loaded?.revision).toBe(200n);
    if (loaded === undefined) throw new Error('no snapshot');
    expect(await contents(loaded.state)).toEqual(await contents(state));
    // An older revision does not replace the head.
    await createBucketSnapshotStore(client, chartBucketCodec).save('chart', 150n, state);
    const head = await client.query<{ revision: string }>(
      'select revision::text as revision from snapshot_heads',
    );
    expect(head.rows).toEqual([{ revision: '200' }]);
  });

  /** Two chains of depth 12 among 300 other accounts, so their ancestors sit in many buckets. */
  const deepChart = (): ChartState => {
    let state = chartDecider.initialState;
    for (let i = 0; i < 300; i++) state = apply(state, open(i));
    for (const chain of ['X', 'Y'])
      for (let depth = 0; depth <= 12; depth++)
        state = apply(state, {
          type: 'OpenAccount',
          id: `${chain}${depth}` as AccountId,
          name: `${chain} ${depth}` as AccountName,
          accountType: 'asset',
          parentId: depth === 0 ? ('A1' as AccountId) : (`${chain}${depth - 1}` as AccountId),
        });
    return state;
  };

  /** A client that counts the bucket fetches it passes on. */
  const counting = () => {
    const counter = { fetches: 0 };
    const spy: SqlClient = {
      ...client,
      query: (text, params) => {
        if (text.includes('es_snapshot_fetch')) counter.fetches++;
        return client.query(text, params);
      },
    };
    return { counter, spy };
  };

  it('a cold posting between two deep accounts fetches them and every ancestor in one query', async () => {
    const state = deepChart();
    await createBucketSnapshotStore(client, chartBucketCodec).save('deep', 400n, state);
    const { counter, spy } = counting();
    const loaded = await createBucketSnapshotStore(spy, chartBucketCodec).load('deep');
    if (loaded === undefined) throw new Error('no snapshot');
    const post: ChartCommand = {
      type: 'PostToAccounts',
      entryId: 'JE-deep' as JournalEntryId,
      reversal: false,
      postings: [
        { accountId: 'X12' as AccountId, amount: Money.ofCents(700n) },
        { accountId: 'Y12' as AccountId, amount: Money.ofCents(-700n) },
      ],
    };
    let attempts = 0;
    const after = await whileStateLoads(async () => {
      attempts++;
      return apply(loaded.state, post);
    });
    expect(counter.fetches).toBe(1);
    expect(attempts).toBe(2);
    const expected = apply(state, post);
    for (const key of ['X12', 'X0', 'Y12', 'Y5', 'A1'])
      expect(after.accounts.get(key)).toEqual(expected.accounts.get(key));
  });

  it('texts written before links are all written again, with them, by the next save', async () => {
    const state = deepChart();
    const { links: _links, ...unlinked } = chartBucketCodec;
    await createBucketSnapshotStore(client, unlinked).save('old', 400n, state);
    const reader = createBucketSnapshotStore(client, chartBucketCodec);
    const loaded = await reader.load('old');
    if (loaded === undefined) throw new Error('no snapshot');
    const renamed = await whileStateLoads(async () =>
      apply(loaded.state, {
        type: 'RenameAccount',
        id: 'X3' as AccountId,
        name: 'Three' as AccountName,
      }),
    );
    await reader.save('old', 401n, renamed);
    const written = await client.query<{ n: number; linked: number }>(
      `select count(*)::int as n, count(links)::int as linked from snapshot_buckets
       where stream_id = 'old' and revision = 401`,
    );
    const before = await client.query<{ n: number }>(
      `select count(*)::int as n from snapshot_buckets where stream_id = 'old' and revision = 400`,
    );
    expect(written.rows[0]?.n).toBe(before.rows[0]?.n);
    // Only the accounts part has links.
    expect(written.rows[0]?.linked).toBeGreaterThan(100);
    const { counter, spy } = counting();
    const cold = await createBucketSnapshotStore(spy, chartBucketCodec).load('old');
    if (cold === undefined) throw new Error('no snapshot');
    expect(await contents(cold.state)).toEqual(await contents(renamed));
    expect(counter.fetches).toBeGreaterThan(0);
  });
});
