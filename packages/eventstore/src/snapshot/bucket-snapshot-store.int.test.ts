import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  chartBucketCodec,
  chartDecider,
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
});
