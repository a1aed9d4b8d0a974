import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeft, right } from 'fp-ts/lib/Either.js';
import {
  chartDecider,
  chartEventC,
  chartStateC,
  Money,
  type AccountId,
  type AccountName,
  type ChartCommand,
  type ChartState,
  type JournalEntryId,
} from '@erpcore/domain';
import {
  createPgClient,
  createPostgresEventStore,
  createSqlSnapshotStore,
  handleCommand,
  handleMultiStreamCommand,
  loadStream,
  migrateEventStore,
  whileStateLoads,
  type EventStore,
  type SqlClient,
} from '@erpcore/eventstore';
import { createTestSchema, postgresAvailable, type TestSchema } from '@erpcore/eventstore/testing';
import { foldedChartModel } from './accounting-kinds.js';
import { chartLoad, createChartDurableSnapshots, createChartSnapshots } from './chart-snapshots.js';
import type { ChartModel } from './accounting-kinds.js';

const chartModel = (snapshots: ReturnType<typeof createChartSnapshots>): ChartModel => ({
  ...foldedChartModel,
  load: chartLoad(snapshots),
});

const up = await postgresAvailable();

const context = () => ({
  actor: 'test',
  correlationId: 'test',
  now: new Date(),
  newEventId: randomUUID,
});
const id = (s: string) => s as AccountId;
const name = (s: string) => s as AccountName;

/** Both maps of a state, every bucket fetched (a lazy state throws StateNotLoaded until then). */
const contents = (state: ChartState) =>
  whileStateLoads(async () => ({
    accounts: [...state.accounts.entries()].sort(([a], [b]) => a.localeCompare(b)),
    names: [...state.siblingNames.entries()].sort(([a], [b]) => a.localeCompare(b)),
    sizes: [state.accounts.size, state.siblingNames.size],
  }));

/** Deterministic pseudo-random commands over `n` accounts: opens, renames, moves, postings. */
const commandsFor = (n: number, seed: number): ChartCommand[] => {
  let x = seed;
  const next = (m: number) => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x % m;
  };
  const commands: ChartCommand[] = [];
  for (let i = 0; i < n; i++)
    commands.push({
      type: 'OpenAccount',
      id: id(`A${i}`),
      name: name(`Account ${i}`),
      accountType: 'asset',
      parentId: i < 5 ? null : id(`A${next(i)}`),
    });
  for (let k = 0; k < n; k++) {
    const a = id(`A${next(n)}`);
    const b = id(`A${next(n)}`);
    const roll = next(3);
    if (roll === 0) commands.push({ type: 'RenameAccount', id: a, name: name(`R${k}`) });
    else if (roll === 1) commands.push({ type: 'MoveAccount', id: a, parentId: b });
    else {
      const cents = Money.ofCents(BigInt(next(10_000) + 1));
      commands.push({
        type: 'PostToAccounts',
        entryId: `JE-${k}` as JournalEntryId,
        reversal: false,
        postings: [
          { accountId: a, amount: cents },
          { accountId: b, amount: Money.ofCents(-BigInt(Money.format(cents).replace('.', ''))) },
        ],
      });
    }
  }
  return commands;
};

describe.skipIf(!up)('chart snapshots in buckets (PostgreSQL)', () => {
  let schema: TestSchema;
  let client: SqlClient;
  let store: EventStore;
  beforeAll(async () => {
    schema = await createTestSchema('chart_buckets');
    client = createPgClient({ pool: schema.pool });
    await migrateEventStore(client);
    store = createPostgresEventStore(client);
  });
  afterAll(async () => {
    await client.close();
    await schema.drop();
  });

  const folded = async (streamId: string) =>
    (await loadStream(store, streamId, foldedChartModel)).state;

  /** Runs `commands` through one process's chart snapshots (refusals are fine: moves into a subtree). */
  const run = async (
    streamId: string,
    commands: readonly ChartCommand[],
    snapshots = createChartSnapshots(client),
  ) => {
    for (const command of commands)
      await handleCommand(store, {
        decider: chartDecider,
        codec: chartEventC,
        streamId,
        command,
        context: context(),
        load: chartLoad(snapshots),
      });
  };

  it('a cold load after many incremental saves holds exactly what a fold holds', async () => {
    const streamId = 'chart-incremental';
    await run(streamId, commandsFor(600, 7));
    const heads = await client.query<{ revision: string }>(
      'select revision::text as revision from snapshot_heads where stream_id = $1',
      [streamId],
    );
    expect(Number(heads.rows[0]?.revision)).toBeGreaterThanOrEqual(1_000);
    // Incremental: far fewer texts than a full rewrite per save would leave (grace keeps some).
    const texts = await client.query<{ n: number }>(
      'select count(*)::int as n from snapshot_buckets where stream_id = $1',
      [streamId],
    );
    const cold = await createChartDurableSnapshots(client).load(streamId);
    if (cold === undefined) throw new Error('no snapshot');
    expect(String(cold.revision)).toBe(heads.rows[0]?.revision);
    const upTo = await store.readStream(streamId, { maxCount: Number(cold.revision) + 1 });
    const expected = upTo
      .map((e) => chartEventC.decode({ type: e.type, data: e.data }))
      .reduce(
        (s, e) => (isLeft(e) ? s : chartDecider.evolve(s, e.right)),
        chartDecider.initialState,
      );
    expect(await contents(cold.state)).toEqual(await contents(expected));
    expect(texts.rows[0]?.n).toBeGreaterThan(0);
  });

  it('a cold process decides on a few fetched buckets, and agrees with the fold', async () => {
    const streamId = 'chart-cold';
    await run(streamId, commandsFor(400, 11));
    // A durable snapshot at the head, so the cold command folds nothing after it.
    const head = await loadStream(store, streamId, foldedChartModel);
    await createChartDurableSnapshots(client).save(streamId, head.revision, head.state);
    const fetched: string[] = [];
    let streamReads = 0;
    const spy: SqlClient = {
      ...client,
      query: (text, params) => {
        if (text.includes('es_snapshot_fetch')) fetched.push(text);
        if (text.includes('from events e')) streamReads++;
        return client.query(text, params);
      },
    };
    const cold = createChartSnapshots(spy);
    const renamed = await handleCommand(createPostgresEventStore(spy), {
      decider: chartDecider,
      codec: chartEventC,
      streamId,
      command: { type: 'RenameAccount', id: id('A17'), name: name('Cold rename') },
      context: context(),
      load: chartLoad(cold),
    });
    expect(isLeft(renamed)).toBe(false);
    // Its account's bucket with the old sibling name's (and its ancestors'), then the new name's.
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.length).toBeLessThanOrEqual(2);
    // A fetch reruns decide + evolve, not the load: the tail after the head is read once (forwards,
    // then backwards for the revision when it is empty).
    expect(streamReads).toBeLessThanOrEqual(2);
    // A posting through the multi-stream handler on another cold process: both accounts and all
    // their ancestors come in one fetch (the links), and each event is appended once.
    const before = await folded(streamId);
    fetched.length = 0;
    const posting = await handleMultiStreamCommand(store, {
      streams: { [streamId]: chartModel(createChartSnapshots(spy)) },
      decide: (states) => {
        const state = states[streamId];
        if (state === undefined) throw new Error('no chart');
        const decision = chartDecider.decide(
          {
            type: 'PostToAccounts',
            entryId: 'JE-cold' as JournalEntryId,
            reversal: false,
            postings: [
              { accountId: id('A399'), amount: Money.ofCents(250n) },
              { accountId: id('A398'), amount: Money.ofCents(-250n) },
            ],
          },
          state,
        );
        return isLeft(decision) ? decision : right([{ streamId, events: decision.right }]);
      },
      context: context(),
    });
    if (isLeft(posting)) throw new Error(posting.left.code);
    expect(fetched.length).toBe(1);
    const written = await store.readStream(streamId, { direction: 'backwards', maxCount: 2 });
    expect(written.map((e) => e.type)).toEqual(['AccountsPosted', 'AccountRenamed']);
    expect((await folded(streamId)).accounts.get('A399')?.balance).toBe(
      Money.sum([before.accounts.get('A399')?.balance ?? Money.ofCents(0n), Money.ofCents(250n)]),
    );
    await run(streamId, [{ type: 'MoveAccount', id: id('A30'), parentId: id('A2') }], cold);
    const loaded = await cold.load(streamId);
    if (loaded === undefined) throw new Error('no snapshot');
    expect(await contents(loaded.state)).toEqual(await contents(await folded(streamId)));
  });

  it('a bucket gone or corrupt: the command still decides right, without that snapshot', async () => {
    for (const damage of ['delete', 'corrupt'] as const) {
      const streamId = `chart-${damage}`;
      await run(streamId, commandsFor(300, 3));
      const victim = await client.query<{ part: number; bucket: number; revision: string }>(
        `select part, bucket, revision::text as revision from snapshot_buckets
         where stream_id = $1 and part = 0 order by revision desc limit 1`,
        [streamId],
      );
      const row = victim.rows[0];
      if (row === undefined) throw new Error('no bucket');
      await client.query(
        damage === 'delete'
          ? 'delete from snapshot_buckets where stream_id = $1 and part = $2 and bucket = $3'
          : `update snapshot_buckets set body = 'not\ta\tline' where stream_id = $1 and part = $2 and bucket = $3`,
        [streamId, row.part, row.bucket],
      );
      const cold = createChartSnapshots(client);
      // Every account: some command is bound to need the damaged bucket.
      const renames: ChartCommand[] = Array.from({ length: 300 }, (_, i) => ({
        type: 'RenameAccount',
        id: id(`A${i}`),
        name: name(`After ${damage} ${i}`),
      }));
      await run(streamId, renames, cold);
      const loaded = await cold.load(streamId);
      if (loaded === undefined) throw new Error('no state');
      const expected = await contents(await folded(streamId));
      expect(await contents(loaded.state)).toEqual(expected);
      expect(expected.accounts.filter(([, a]) => a.name.startsWith('After')).length).toBe(300);
      // The next durable snapshot is whole again: a cold process reads it right.
      const fresh = await createChartDurableSnapshots(client).load(streamId);
      if (fresh === undefined) throw new Error('no snapshot');
      const upTo = await store.readStream(streamId, { maxCount: Number(fresh.revision) + 1 });
      const atHead = upTo
        .map((e) => chartEventC.decode({ type: e.type, data: e.data }))
        .reduce(
          (s, e) => (isLeft(e) ? s : chartDecider.evolve(s, e.right)),
          chartDecider.initialState,
        );
      expect(await contents(fresh.state)).toEqual(await contents(atHead));
    }
  });

  it('reads a jsonb snapshot of the form before (no head yet)', async () => {
    const streamId = 'chart-legacy';
    const commands = commandsFor(50, 5);
    await run(
      streamId,
      commands,
      createChartSnapshots({
        ...client,
        transaction: () => Promise.reject(new Error('no durable layer')),
      }),
    );
    const state = await folded(streamId);
    const last = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    await createSqlSnapshotStore(client, chartStateC).save(
      streamId,
      last[0]?.revision ?? 0n,
      state,
    );
    const loaded = await createChartDurableSnapshots(client).load(streamId);
    expect(loaded?.revision).toBe(last[0]?.revision);
    if (loaded === undefined) throw new Error('no snapshot');
    expect(await contents(loaded.state)).toEqual(await contents(state));
  });
});
